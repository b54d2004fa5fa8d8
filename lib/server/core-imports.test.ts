import { describe, test, expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/*
 * The dashboard core loads outside Next.js (scripts/bench-core.ts runs it under tsx with `--conditions=react-server`,
 * the job worker loads lib/server the same way). next-intl's and use-intl's React builds do not load there ("'react'
 * does not provide an export named 'useEffect'"), so nothing the core imports, however indirectly, may pull them in:
 * server text is rendered with use-intl/core (lib/server/notification-text.ts). This walks the static imports.
 */

const root = path.resolve(__dirname, "../..");
const REACT_ONLY = /^(react|react-dom|next-intl|use-intl)(\/|$)/;
const ALLOWED = new Set(["use-intl/core"]);

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const f of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (existsSync(f) && f.match(/\.tsx?$/)) return f;
  return null;
}

/** Every package a module imports at run time (type-only imports left out), with the chain that led to it. */
function packagesOf(entry: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, "utf8");
    const re = /^\s*(?:import|export)\s+(type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;
    for (const m of src.matchAll(re)) {
      if (m[1]) continue;
      const spec = (m[2] ?? m[3])!;
      const here = [...chain, path.relative(root, file)];
      if (spec.startsWith(".") || spec.startsWith("@/")) {
        const next = resolveLocal(file, spec);
        if (next) walk(next, here);
      } else if (!found.has(spec)) found.set(spec, here);
    }
  };
  walk(entry, []);
  return found;
}

describe("the server core loads without React", () => {
  test.each(["lib/server/dashboard.ts", "lib/server/initiatives.ts", "lib/server/jobs.ts"])("%s imports no React build of next-intl/use-intl", (entry) => {
    const pkgs = packagesOf(path.join(root, entry));
    // the walk found the core's own imports (a walk that finds nothing would pass for nothing)
    expect(pkgs.has("pg") || pkgs.has("zod")).toBe(true);
    const bad = [...pkgs].filter(([p]) => REACT_ONLY.test(p) && !ALLOWED.has(p)).map(([p, chain]) => `${p} via ${chain.join(" → ")}`);
    expect(bad).toEqual([]);
  });
});
