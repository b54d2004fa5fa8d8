/**
 * Which messages the browser needs, read from the source (for lib/i18n/client-messages.test.ts; never imported by the
 * app). From a route file (a page, a layout, an error boundary) the import graph is walked: server modules until a
 * "use client" module, and from there every module it imports (type-only imports aside) is client code. In client
 * code each translator's calls say what it needs, two levels deep: t("kpi.goal") of useTranslations("initiatives")
 * needs the object initiatives.kpi, t(`status.${s}`) initiatives.status, anything of useTranslations("admin.users")
 * admin.users, t("nav.menu") of useTranslations() nav.menu. A key that is not written out (t(code)), or the
 * translator handed on to other code (detailText(t, …)), needs the whole namespace. What cannot be read statically
 * (a namespace that is not a literal, such a key or hand-on of useTranslations() without namespace, useMessages, an
 * aliased import of the hooks) is reported as a problem instead of guessed.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { outermost } from "./client-messages";

export interface ClientUsage {
  /** message paths the client code reachable from the entry needs, without paths inside another one */
  paths: string[];
  /** client modules reachable from the entry (relative to the root) */
  clientFiles: string[];
  /** per path, the client modules that need it */
  usedBy: Record<string, string[]>;
  /** what could not be read statically: "file: reason" */
  problems: string[];
}

interface ModuleInfo {
  client: boolean;
  imports: string[];
  paths: string[];
  problems: string[];
}

const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

export function createClientUsageScanner(root: string) {
  const cache = new Map<string, ModuleInfo>();

  function resolve(from: string, spec: string): string | null {
    let base: string;
    if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
    else if (spec.startsWith("./") || spec.startsWith("../")) base = path.resolve(path.dirname(from), spec);
    else return null; // a package: its own messages are none of ours
    for (const ext of EXTENSIONS) {
      const file = base + ext;
      if (/\.tsx?$/.test(file) && existsSync(file) && statSync(file).isFile()) return file;
    }
    return null;
  }

  /** The text of a literal key or namespace; for a template, its static head; null when not a literal. */
  function literal(node: ts.Expression | undefined): { text: string; complete: boolean } | null {
    if (!node) return null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { text: node.text, complete: true };
    if (ts.isTemplateExpression(node)) return { text: node.head.text, complete: false };
    return null;
  }

  function analyse(file: string): ModuleInfo {
    const cached = cache.get(file);
    if (cached) return cached;
    const rel = path.relative(root, file);
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const info: ModuleInfo = { client: false, imports: [], paths: [], problems: [] };
    for (const st of source.statements) {
      if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) break;
      if (st.expression.text === "use client") info.client = true;
    }
    const addImport = (spec: string) => {
      const r = resolve(file, spec);
      if (r) info.imports.push(r);
    };
    /** translators kept in a variable: their namespace ("" for useTranslations()) and the function they live in */
    const translators: { ns: string; name: string; scope: ts.Node }[] = [];

    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const typeOnly =
          !!clause &&
          (clause.isTypeOnly ||
            (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
        if (!typeOnly) addImport(node.moduleSpecifier.text);
        // the hooks are recognised by their names: an alias or a namespace import would hide them
        const from = node.moduleSpecifier.text;
        if ((from === "next-intl" || from === "use-intl" || from.startsWith("use-intl/")) && clause?.namedBindings) {
          const b = clause.namedBindings;
          if (ts.isNamespaceImport(b)) info.problems.push(`${rel}: import * from "${from}" — import useTranslations by its name`);
          else for (const e of b.elements) if (e.propertyName && e.propertyName.text !== e.name.text) info.problems.push(`${rel}: ${e.propertyName.text} imported as ${e.name.text} — import it by its name`);
        }
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        if (!node.isTypeOnly) addImport(node.moduleSpecifier.text);
      } else if (ts.isCallExpression(node)) {
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          const arg = literal(node.arguments[0]);
          if (arg?.complete) addImport(arg.text);
        } else if (ts.isIdentifier(node.expression) && node.expression.text === "useMessages") {
          info.problems.push(`${rel}: useMessages() needs every message; pass what it needs as props instead`);
        } else if (ts.isIdentifier(node.expression) && node.expression.text === "useTranslations") {
          const arg = node.arguments[0];
          const ns = arg ? literal(arg) : { text: "", complete: true };
          if (!ns || !ns.complete || (arg && ns.text === "")) {
            info.problems.push(`${rel}: useTranslations(${arg?.getText(source)}) — the namespace must be a string literal`);
          } else {
            // the translator's variable (through `as …` casts): its calls say which part of the namespace is used
            let outer: ts.Node = node;
            while (ts.isAsExpression(outer.parent) || ts.isParenthesizedExpression(outer.parent) || ts.isNonNullExpression(outer.parent) || ts.isSatisfiesExpression(outer.parent)) outer = outer.parent;
            const decl = outer.parent;
            if (ts.isVariableDeclaration(decl) && decl.initializer === outer && ts.isIdentifier(decl.name)) {
              let scope: ts.Node = decl;
              while (!ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
              translators.push({ ns: ns.text, name: decl.name.text, scope });
            } else if (ns.text) info.paths.push(ns.text);
            else info.problems.push(`${rel}: useTranslations() without a namespace whose result is not kept in a variable`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);

    /**
     * The keys a translator is called with, as their complete leading segments (t(`status.${s}`) → ["status"]);
     * null when a key is not written out (t(code), a variable).
     */
    const keysOf = (e: ts.Expression | undefined): string[][] | null => {
      if (!e) return null;
      if (ts.isParenthesizedExpression(e)) return keysOf(e.expression);
      if (ts.isConditionalExpression(e)) {
        const a = keysOf(e.whenTrue);
        const b = keysOf(e.whenFalse);
        return a && b ? [...a, ...b] : null;
      }
      const key = literal(e);
      if (!key) return null;
      const parts = key.text.split(".");
      if (!key.complete) parts.pop(); // the segment the dynamic part belongs to is not known
      return parts.every((x) => x !== "") ? [parts] : null;
    };
    const HOOKS_WITH_DEPS = new Set(["useMemo", "useCallback", "useEffect", "useLayoutEffect"]);

    // two levels deep: t("kpi.goal") of useTranslations("initiatives") needs initiatives.kpi, t("nav.menu") of
    // useTranslations() needs nav.menu, anything of useTranslations("admin.users") needs admin.users; a key not
    // written out, or the translator handed on to other code, needs the whole namespace (and, for
    // useTranslations(), cannot be read: a problem)
    for (const { ns, name, scope } of translators) {
      const needWhole = (why: string) => {
        if (ns) info.paths.push(ns);
        else info.problems.push(`${rel}: ${why} — give useTranslations() a namespace or write the key out`);
      };
      const uses = (node: ts.Node) => {
        const p = node.parent;
        if (ts.isIdentifier(node) && node.text === name && p) {
          const isName = (ts.isVariableDeclaration(p) && p.name === node) || (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isPropertyAssignment(p) && p.name === node) || ts.isTypeQueryNode(p);
          const isDep = ts.isArrayLiteralExpression(p) && ts.isCallExpression(p.parent) && p.parent.arguments[1] === p && ts.isIdentifier(p.parent.expression) && HOOKS_WITH_DEPS.has(p.parent.expression.text);
          if (!isName && !isDep) {
            const call =
              ts.isCallExpression(p) && p.expression === node
                ? p
                : ts.isPropertyAccessExpression(p) && p.expression === node && ["rich", "markup", "raw", "has"].includes(p.name.text) && ts.isCallExpression(p.parent) && p.parent.expression === p
                  ? p.parent
                  : null;
            const keys = call ? keysOf(call.arguments[0]) : null;
            if (!call) needWhole(`the translator "${name}" is handed on`);
            else if (!keys) needWhole(`${call.getText(source).slice(0, 60)}: the key is not written out`);
            else
              for (const parts of keys) {
                const full = [...(ns ? ns.split(".") : []), ...parts];
                if (full.length) info.paths.push(full.slice(0, Math.max(2, ns.split(".").length)).join("."));
                else needWhole(`${call.getText(source).slice(0, 60)}: the key does not name its namespace`);
              }
          }
        }
        ts.forEachChild(node, uses);
      };
      uses(scope);
    }
    cache.set(file, info);
    return info;
  }

  /** What the client code reachable from one route file needs. */
  function scan(entry: string): ClientUsage {
    const seen = { server: new Set<string>(), client: new Set<string>() };
    const stack: [string, boolean][] = [[path.resolve(root, entry), false]];
    while (stack.length) {
      const [file, parentClient] = stack.pop()!;
      const info = analyse(file);
      const client = parentClient || info.client;
      const set = client ? seen.client : seen.server;
      if (set.has(file)) continue;
      set.add(file);
      for (const i of info.imports) stack.push([i, client]);
    }
    const usedBy: Record<string, string[]> = {};
    const problems: string[] = [];
    for (const file of seen.client) {
      const info = analyse(file);
      problems.push(...info.problems);
      for (const p of info.paths) (usedBy[p] ??= []).push(path.relative(root, file));
    }
    return { paths: outermost(Object.keys(usedBy)), clientFiles: [...seen.client].map((f) => path.relative(root, f)).sort(), usedBy, problems: [...new Set(problems)].sort() };
  }

  return { scan };
}
