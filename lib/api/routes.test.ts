import { describe, test, expect } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";

/**
 * Issue 13, point 9: every answer under /api/v1 is JSON — a wrong method on an existing route 405 `method_not_allowed`
 * with an `Allow` header, an unknown path 404 `not_found`. Walks every route file, so a new one cannot be left out.
 */
const ROOT = path.resolve(__dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const REFUSES = Symbol.for("dgov.refuses");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return routeFiles(p);
    return name === "route.ts" ? [p] : [];
  });
}

/** The methods a file implements, read from its source (not from the helper under test). */
function implemented(source: string): string[] {
  return METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b`).test(source));
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
const ctx = { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000", period: "2025-Q1", path: ["x"] }) };

const files = routeFiles(ROOT).filter((f) => !f.includes("[...path]"));

describe("a wrong method answers JSON 405 with Allow, on every route file", () => {
  test("there are route files to check", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of files) {
    const rel = path.relative(ROOT, file);
    test(rel, async () => {
      const source = readFileSync(file, "utf8");
      const real = implemented(source);
      expect(real.length).toBeGreaterThan(0);
      const mod = (await import(file)) as Record<string, unknown>;
      const expectedAllow = [...real, ...(real.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
      for (const m of METHODS) {
        expect(typeof mod[m], `${rel} exports ${m}`).toBe("function");
        const refuses = (mod[m] as Record<symbol, unknown>)[REFUSES] === true;
        expect(refuses, `${rel} ${m} is ${real.includes(m) ? "implemented" : "refused"}`).toBe(!real.includes(m));
        if (!refuses) continue;
        const res = await (mod[m] as Handler)(new NextRequest(`http://localhost/api/v1/${rel}`, { method: m }), ctx);
        expect(res.status).toBe(405);
        expect(res.headers.get("content-type")).toMatch(/^application\/json/);
        expect(res.headers.get("allow")).toBe(expectedAllow);
        const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
        expect(body.error.code).toBe("method_not_allowed");
        expect(body.error.message).toContain(m);
        expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
      }
    });
  }
});

describe("an unknown /api/v1 path answers JSON 404", () => {
  test("every method of the catch-all", async () => {
    const mod = (await import(path.join(ROOT, "[...path]", "route.ts"))) as Record<string, Handler>;
    for (const m of [...METHODS, "OPTIONS"]) {
      expect(typeof mod[m]).toBe("function");
      const res = await mod[m](new NextRequest("http://localhost/api/v1/no/such/thing", { method: m }), ctx);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const body = (await res.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe("not_found");
      expect(body.error.requestId).toBeTruthy();
    }
  });
});
