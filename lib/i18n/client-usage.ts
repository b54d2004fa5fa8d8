/**
 * Which messages the browser needs, read from the source (for lib/i18n/client-messages.test.ts; never imported by the
 * app). From a route file (a page, a layout, an error boundary) the import graph is walked: server modules until a
 * "use client" module, and from there every module it imports is client code. In client code every
 * `useTranslations("ns.sub")` needs the message object at `ns.sub` (the whole of it, so dynamic keys such as
 * t(`status.${s}`) are covered); a `useTranslations()` without a namespace needs the keys its calls name
 * (`t("nav.menu")` → nav.menu, t(`nav.${key}`) → nav). What cannot be read statically (a namespace that is not a
 * literal, a root translator handed on to other code, useMessages) is reported as a problem instead of guessed.
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
    /** translators of useTranslations() without a namespace, with the function (or file) they live in */
    const rootTranslators: { name: string; scope: ts.Node }[] = [];

    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const typeOnly =
          !!clause &&
          (clause.isTypeOnly ||
            (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
        if (!typeOnly) addImport(node.moduleSpecifier.text);
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
          if (!arg) {
            const decl = node.parent;
            if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) {
              let scope: ts.Node = decl;
              while (!ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
              rootTranslators.push({ name: decl.name.text, scope });
            }
            else info.problems.push(`${rel}: useTranslations() without a namespace whose result is not kept in a variable`);
          } else {
            const ns = literal(arg);
            if (!ns || !ns.complete || ns.text === "") info.problems.push(`${rel}: useTranslations(${arg.getText(source)}) — the namespace must be a string literal`);
            else info.paths.push(ns.text);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);

    // keys of a translator without a namespace: each use must be a call whose first argument says its namespace
    for (const { name, scope } of rootTranslators) {
      const uses = (node: ts.Node) => {
        const p = node.parent;
        const isName = !!p && ((ts.isVariableDeclaration(p) && p.name === node) || (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isPropertyAssignment(p) && p.name === node));
        if (ts.isIdentifier(node) && node.text === name && !isName) {
          const parent = node.parent;
          const call =
            ts.isCallExpression(parent) && parent.expression === node
              ? parent
              : ts.isPropertyAccessExpression(parent) && parent.expression === node && ["rich", "markup", "raw", "has"].includes(parent.name.text) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent
                ? parent.parent
                : null;
          if (call) {
            const key = literal(call.arguments[0]);
            const text = key ? (key.complete ? key.text : key.text.slice(0, Math.max(0, key.text.lastIndexOf(".")))) : "";
            if (!key || text === "" || text.startsWith(".") || text.endsWith(".")) {
              info.problems.push(`${rel}: ${call.getText(source).slice(0, 60)} — a key of useTranslations() must name its namespace literally`);
            } else info.paths.push(text);
          } else info.problems.push(`${rel}: the translator "${name}" of useTranslations() is handed on; give it a namespace`);
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
