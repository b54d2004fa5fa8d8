import { describe, expect, test } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CLIENT_MESSAGES, outermost, pickMessages } from "./client-messages";
import { createClientUsageScanner } from "./client-usage";
import { loadMessages } from "./messages";

/**
 * The browser gets only the messages client code uses (lib/i18n/client-messages.ts). These tests read the client code
 * reachable from every route file and compare with what is sent, so a new useTranslations("ns") in a client component
 * fails here, naming the file, instead of showing "ns.key" on the page.
 */
const root = path.resolve(__dirname, "../..");
const scanner = createClientUsageScanner(root);

const ROUTE_FILE = /(^|\/)(page|layout|template|error|global-error|not-found|loading|default)\.tsx?$/;
const routeFiles = (readdirSync(path.join(root, "app"), { recursive: true }) as string[])
  .map((f) => f.split(path.sep).join("/"))
  .filter((f) => ROUTE_FILE.test(f))
  .map((f) => `app/${f}`)
  .sort();
const pages = routeFiles.filter((f) => /\/page\.tsx?$/.test(f));
/** Layouts and boundaries render around the pages: their client code lives on the root layout's messages. */
const shellFiles = routeFiles.filter((f) => !pages.includes(f));

/** app/(app)/initiatives/[id]/page.tsx → /initiatives/[id] (route groups are not in the URL). */
const routeOf = (file: string) =>
  "/" +
  file
    .replace(/^app\//, "")
    .replace(/(^|\/)page\.tsx?$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/");

const WRAPPED = /export\s+default\s+withClientMessages\(\s*"([^"]+)"\s*,/;

/** Who uses what, for the failure messages. */
const explain = (usedBy: Record<string, string[]>, paths: string[]) =>
  paths.map((p) => `${p} (${[...new Set(Object.entries(usedBy).filter(([k]) => k === p || k.startsWith(`${p}.`)).flatMap(([, f]) => f))].join(", ")})`);

/** `sent` against `needed`: what is missing and what is sent for nothing, naming who uses it. */
function compare(sent: readonly string[], needed: string[], usedBy: Record<string, string[]>) {
  const covers = (list: readonly string[], p: string) => list.some((q) => q === p || p.startsWith(`${q}.`));
  const missing = needed.filter((p) => !covers(sent, p));
  // sent for nothing: no needed path lies inside it or contains it
  const unused = sent.filter((s) => !needed.some((p) => p === s || p.startsWith(`${s}.`) || s.startsWith(`${p}.`)));
  // sent wider than needed ("initiatives" when only "initiatives.status" is used)
  const wider = sent.filter((s) => !needed.includes(s) && !unused.includes(s) && !covers(needed, s));
  return { missing: explain(usedBy, missing), unused, wider: wider.map((s) => `${s} → ${needed.filter((p) => p.startsWith(`${s}.`)).join(", ")}`) };
}

describe("messages sent to the browser", () => {
  test("the scanner finds the route files", () => {
    expect(pages).toContain("app/(app)/initiatives/page.tsx");
    expect(shellFiles).toContain("app/layout.tsx");
    expect(shellFiles).toContain("app/(app)/error.tsx");
  });

  test("the root layout sends what the client code of the layouts and boundaries uses", () => {
    const usages = shellFiles.map((f) => scanner.scan(f));
    const usedBy: Record<string, string[]> = {};
    for (const u of usages) for (const [p, files] of Object.entries(u.usedBy)) (usedBy[p] ??= []).push(...files);
    const needed = outermost(usages.flatMap((u) => u.paths));
    expect(usages.flatMap((u) => u.problems), "client code whose messages cannot be read from the source").toEqual([]);
    expect(compare(CLIENT_MESSAGES.shell, needed, usedBy), `CLIENT_MESSAGES.shell should be ${JSON.stringify(needed)}`).toEqual({ missing: [], unused: [], wider: [] });
  });

  for (const file of pages) {
    const route = routeOf(file);
    test(`${route}: its client components get the messages they use`, () => {
      const usage = scanner.scan(file);
      expect(usage.problems, "client code whose messages cannot be read from the source").toEqual([]);
      const wrapped = WRAPPED.exec(readFileSync(path.join(root, file), "utf8"))?.[1];
      const declared = (CLIENT_MESSAGES as Record<string, readonly string[]>)[route];
      if (usage.paths.length === 0) {
        // nothing to send: the page stays on the root layout's messages
        expect(wrapped, `${file} needs no messages in the browser; export the page itself`).toBeUndefined();
        expect(declared, `CLIENT_MESSAGES["${route}"] is not needed`).toBeUndefined();
        return;
      }
      expect(wrapped, `${file} renders client components that use ${usage.paths.join(", ")}: export default withClientMessages("${route}", Page)`).toBe(route);
      expect(declared, `CLIENT_MESSAGES["${route}"] should be ${JSON.stringify(usage.paths)}`).toBeDefined();
      expect(compare(declared, usage.paths, usage.usedBy), `CLIENT_MESSAGES["${route}"] should be ${JSON.stringify(usage.paths)}`).toEqual({ missing: [], unused: [], wider: [] });
    });
  }

  test("every list belongs to a page (or is the shell)", () => {
    const routes = new Set(pages.map(routeOf));
    expect(Object.keys(CLIENT_MESSAGES).filter((k) => k !== "shell" && !routes.has(k))).toEqual([]);
  });

  test.each(["vi", "en"] as const)("every path sent exists in %s", async (locale) => {
    const messages = await loadMessages(locale);
    const absent = Object.values(CLIENT_MESSAGES)
      .flat()
      .filter((p) => p.split(".").reduce<unknown>((o, k) => (o !== null && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), messages) === undefined);
    expect([...new Set(absent)]).toEqual([]);
  });
});

describe("the scanner", () => {
  test("reads what client code uses, and only client code", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "client-usage-"));
    try {
      const write = (f: string, text: string) => writeFileSync(path.join(dir, f), text);
      write(
        "page.tsx",
        `import { Client } from "./client";\nimport { Server } from "./server";\nimport type { Never } from "./types-only";\nexport default function Page() { return <Server><Client /></Server>; }`,
      );
      write("server.tsx", `import { useTranslations } from "next-intl";\nexport function Server({ children }) { const t = useTranslations("server"); return <div title={t("x")}>{children}</div>; }`);
      write("types-only.tsx", `"use client";\nimport { useTranslations } from "next-intl";\nexport type Never = 1;\nexport function N() { return useTranslations("never")("x"); }`);
      write("shared.ts", `import { useTranslations } from "next-intl";\nexport function useShared() { return useTranslations("shared"); }`);
      write(
        "client.tsx",
        [
          `"use client";`,
          `import { useMemo } from "react";`,
          `import { useTranslations } from "next-intl";`,
          `import { useShared } from "./shared";`,
          `const helper = (f: unknown) => f;`,
          `export function Client({ k, on }: { k: string; on: boolean }) {`,
          `  const t = useTranslations("a");`,
          `  const b = useTranslations("b");`,
          `  const c = useTranslations("c");`,
          `  const r = useTranslations();`,
          `  useShared();`,
          `  const m = useMemo(() => 1, [t]);`,
          "  return [t(\"x.y\"), t(`z.${k}`), t(on ? \"p\" : \"q\"), t.rich(\"w\"), b(k), helper(c), r(\"d.e.f\"), r(`g.${k}`), m];",
          `}`,
        ].join("\n"),
      );
      const u = createClientUsageScanner(dir).scan("page.tsx");
      expect(u.paths).toEqual(["a.p", "a.q", "a.w", "a.x", "a.z", "b", "c", "d.e", "g", "shared"]);
      expect(u.problems).toEqual([]);

      write(
        "client.tsx",
        `"use client";\nimport { useTranslations, useTranslations as useT } from "next-intl";\nexport function Client({ k }) { const r = useTranslations(); const ns = useTranslations(k); return [r(k), ns("x"), useT("y")("z")]; }`,
      );
      const bad = createClientUsageScanner(dir).scan("page.tsx");
      // a key of useTranslations() not written out; a namespace not a literal; an alias the scanner cannot follow
      expect(bad.problems).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("reads a client component's namespaces, through its imports", () => {
    const u = scanner.scan("app/(app)/initiatives/import/page.tsx");
    expect(u.clientFiles).toContain("components/initiatives/import-form.tsx");
    // useErrorText() (lib/api-client/error-text.ts) translates with the validation namespace
    expect(u.paths).toContain("validation");
    expect(u.usedBy.validation).toContain("lib/api-client/error-text.ts");
  });

  test("reads the keys a translator is called with", () => {
    const u = scanner.scan("app/(app)/layout.tsx");
    // the header's bell: t("bell") of useTranslations("notifications"), not the whole namespace
    expect(u.usedBy["notifications.bell"]).toEqual(["components/layout/notification-bell.tsx"]);
    expect(u.paths).not.toContain("notifications");
    expect(u.paths).toContain("nav"); // t(`nav.${key}`) of useTranslations()
  });

  test("server components are not client code", () => {
    const u = scanner.scan("app/(app)/initiatives/[id]/page.tsx");
    expect(u.clientFiles).not.toContain("components/initiatives/history-timeline.tsx");
  });
});

describe("pickMessages", () => {
  const messages = { a: { b: { c: "1", d: "2" }, e: "3" }, f: "4" };
  test("keeps the nesting of the paths and leaves out the rest", () => {
    expect(pickMessages(messages, ["a.b.c", "f", "a.e"])).toEqual({ a: { b: { c: "1" }, e: "3" }, f: "4" });
    expect(pickMessages(messages, ["a.b", "a.b.c", "x.y"])).toEqual({ a: { b: { c: "1", d: "2" } } });
  });
  test("never writes into the messages it picks from", () => {
    const before = JSON.stringify(messages);
    pickMessages(messages, ["a.b", "a.b.c", "a"]);
    expect(JSON.stringify(messages)).toBe(before);
  });
});
