import { describe, expect, test } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Every module of the core is server-only (issue 14): importing one from a client component fails the build instead
 * of shipping database code to the browser. The one exception is run by tsx scripts too (prisma/seed.ts), where the
 * `server-only` package throws.
 */
const EXCEPTIONS = new Set(["restructuring-core.ts"]);

describe("lib/server modules", () => {
  const dir = path.join(process.cwd(), "lib/server");
  const modules = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

  test("there are modules to check", () => {
    expect(modules).toContain("errors.ts");
    expect(modules).toContain("initiatives.ts");
  });

  test('each one imports "server-only" (except the tsx-shared restructuring core)', () => {
    const missing = modules.filter((f) => !EXCEPTIONS.has(f) && !/^import "server-only";$/m.test(readFileSync(path.join(dir, f), "utf8")));
    expect(missing).toEqual([]);
  });

  test("the exception imports nothing server-only itself", () => {
    const src = readFileSync(path.join(dir, "restructuring-core.ts"), "utf8");
    expect(src).not.toMatch(/from "\.\/(?!\.)/);
    expect(src).not.toMatch(/^import "server-only"/m);
  });
});

describe("lib/validation and lib/errors.ts", () => {
  test("import nothing from lib/server (they run in the browser too)", () => {
    const files = [
      "lib/errors.ts",
      ...readdirSync(path.join(process.cwd(), "lib/validation"))
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
        .map((f) => `lib/validation/${f}`),
    ];
    const offenders = files.filter((f) => /from "(@\/lib\/server|\.\.\/server)/.test(readFileSync(path.join(process.cwd(), f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
