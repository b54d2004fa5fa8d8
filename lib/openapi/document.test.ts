import { describe, test, expect } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { openApiDocument } from "./document";

const apiDir = path.resolve(__dirname, "../../app/api/v1");

/** Every route file under app/api/v1 with the methods it exports, as OpenAPI paths. */
function routes(dir = apiDir, prefix = ""): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...routes(full, `${prefix}/${name.replace(/^\[(\w+)\]$/, "{$1}")}`));
    else if (name === "route.ts") {
      const src = readFileSync(full, "utf8");
      const methods = [...src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1].toLowerCase());
      out.push({ path: prefix, methods });
    }
  }
  return out;
}

describe("OpenAPI document", () => {
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>; components: { schemas: Record<string, unknown> } };

  test("is OpenAPI 3.1 with bearer auth and the error format", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(JSON.stringify(doc.components)).toContain('"scheme":"bearer"');
    expect(doc.components.schemas.Error).toBeTruthy();
    expect(JSON.stringify(doc)).not.toContain("#/$defs/");
  });

  test("covers every route the app serves", () => {
    const missing: string[] = [];
    for (const r of routes()) {
      if (r.path === "/openapi.json") continue;
      for (const m of r.methods) if (!doc.paths[r.path]?.[m]) missing.push(`${m.toUpperCase()} ${r.path}`);
    }
    expect(missing).toEqual([]);
  });

  test("request bodies come from the validation schemas", () => {
    const create = doc.paths["/users"].post.requestBody as { content: { "application/json": { schema: { properties: Record<string, { minLength?: number }>; required: string[] } } } };
    const schema = create.content["application/json"].schema;
    expect(schema.properties.password.minLength).toBe(12);
    expect(schema.required).toEqual(expect.arrayContaining(["email", "name", "role", "password"]));
    expect(JSON.stringify(doc.paths["/national-targets"].put.requestBody)).toContain("baselinePeriod");
    expect(doc.paths["/initiatives/{id}"].patch.responses["409"]).toBeTruthy();
  });
});
