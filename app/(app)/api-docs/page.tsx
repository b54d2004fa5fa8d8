import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { openApiDocument } from "@/lib/openapi/document";
import { Card, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("admin.apiDocs");
  return { title: t("title") };
}

type Schema = Record<string, unknown>;
interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters: { name: string; in: string; required: boolean; description?: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
}

const METHOD_TONE: Record<string, string> = {
  get: "bg-blue-50 text-blue-800 ring-blue-300",
  post: "bg-green-50 text-green-800 ring-green-300",
  put: "bg-amber-50 text-amber-900 ring-amber-300",
  patch: "bg-violet-50 text-violet-800 ring-violet-300",
  delete: "bg-red-50 text-red-800 ring-red-300",
};

/** A short, readable type for a JSON Schema node. */
function typeOf(s: Schema | undefined, components: Record<string, Schema>): string {
  if (!s) return "any";
  if (typeof s.$ref === "string") return s.$ref.split("/").pop()!;
  if (Array.isArray(s.anyOf)) return (s.anyOf as Schema[]).map((x) => typeOf(x, components)).join(" | ");
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if (s.type === "array") return `${typeOf(s.items as Schema, components)}[]`;
  if (s.type === "object" && !s.properties && s.additionalProperties) return `{ [key]: ${typeOf(s.additionalProperties as Schema, components)} }`;
  if (s.type === "object" && s.propertyNames) return "object";
  return typeof s.type === "string" ? s.type : "any";
}

function constraints(s: Schema): string {
  const parts: string[] = [];
  if (s.minLength !== undefined) parts.push(`≥ ${s.minLength} chars`);
  if (s.maxLength !== undefined) parts.push(`≤ ${s.maxLength} chars`);
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && s.maximum !== Number.MAX_SAFE_INTEGER) parts.push(`≤ ${s.maximum}`);
  if (s.minItems !== undefined) parts.push(`≥ ${s.minItems} items`);
  if (s.maxItems !== undefined) parts.push(`≤ ${s.maxItems} items`);
  if (typeof s.pattern === "string") parts.push(`pattern ${s.pattern}`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join(", ");
}

/** The first non-null branch of an `anyOf` (an optional field), for its constraints. */
function core(s: Schema): Schema {
  if (Array.isArray(s.anyOf)) return ((s.anyOf as Schema[]).find((x) => x.type !== "null") ?? s) as Schema;
  return s;
}

function Fields({ schema, t, components }: { schema: Schema; t: (k: string) => string; components: Record<string, Schema> }) {
  const s = schema.type === "array" && (schema.items as Schema)?.properties ? (schema.items as Schema) : schema;
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required ?? []) as string[]);
  if (!Object.keys(props).length) return <p className="font-mono text-xs text-slate-800">{typeOf(schema, components)}</p>;
  return (
    <div className="relative overflow-x-auto">
      {schema.type === "array" && <p className="mb-1 text-xs text-slate-700">{t("arrayOf")}</p>}
      <table className="w-full min-w-[32rem] text-left text-xs">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-2 py-1 font-semibold">{t("field")}</th>
            <th scope="col" className="px-2 py-1 font-semibold">{t("type")}</th>
            <th scope="col" className="px-2 py-1 font-semibold">{t("rules")}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(props).map(([name, p]) => (
            <tr key={name} className="border-t border-slate-100 align-top">
              <th scope="row" className="px-2 py-1 font-mono font-medium">
                {name}
                {required.has(name) && <span className="ml-1 text-red-700">*</span>}
              </th>
              <td className="break-words px-2 py-1 font-mono">{typeOf(p, components)}</td>
              <td className="px-2 py-1">
                {[required.has(name) ? t("required") : t("optional"), constraints(core(p)), typeof p.description === "string" ? p.description : ""].filter(Boolean).join(" · ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function ApiDocsPage() {
  await requireActor();
  const t = await getTranslations("admin.apiDocs");
  const doc = openApiDocument() as { info: { title: string; description: string; version: string }; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  const components = doc.components.schemas;
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(ops.map((o) => o.op.tags[0]))];
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <a href="/api/v1/openapi.json" className={buttonClass("secondary")} download="openapi.json">
            {t("download")}
          </a>
        }
      />
      <Card title={t("basics")} id="basics">
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
          <li>{t("baseUrl")}</li>
          <li>{t("auth")}</li>
          <li>{t("errors")}</li>
          <li>{t("lists")}</li>
          <li>{t("versions")}</li>
        </ul>
        <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
          {`curl -H "Authorization: Bearer dgt_…" ${"<origin>"}/api/v1/initiatives?pageSize=10

{ "error": { "code": "validation_failed", "message": "…", "details": [ { "path": "title", "message": "…" } ] } }`}
        </pre>
      </Card>
      <nav aria-label={t("contents")} className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-base font-semibold text-slate-900">{t("contents")}</h2>
        <ul className="flex flex-wrap gap-2 text-sm">
          {tags.map((tag) => (
            <li key={tag}>
              <a href={`#${slug(tag)}`} className="rounded-md border border-slate-300 px-2 py-1 no-underline hover:bg-slate-100">
                {tag} ({ops.filter((o) => o.op.tags[0] === tag).length})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={slug(tag)} aria-labelledby={`${slug(tag)}-title`} className="space-y-3">
          <h2 id={`${slug(tag)}-title`} className="text-xl font-bold text-slate-900">
            {tag}
          </h2>
          {ops
            .filter((o) => o.op.tags[0] === tag)
            .map(({ path, method, op }) => {
              const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : null;
              return (
                <details key={`${method} ${path}`} id={op.operationId} className="rounded-xl border border-slate-200 bg-white">
                  <summary className="flex cursor-pointer flex-wrap items-center gap-2 p-3">
                    <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ring-1 ring-inset ${METHOD_TONE[method]}`}>{method}</span>
                    <code className="break-all text-sm font-semibold text-slate-900">/api/v1{path}</code>
                    <span className="text-sm text-slate-700">{op.summary}</span>
                    {op.security && <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800">{t("public")}</span>}
                  </summary>
                  <div className="space-y-3 border-t border-slate-200 p-3 text-sm">
                    {op.description && <p className="whitespace-pre-line text-slate-800">{op.description}</p>}
                    {op.parameters.length > 0 && (
                      <div>
                        <h3 className="mb-1 font-semibold">{t("parameters")}</h3>
                        <div className="relative overflow-x-auto">
                          <table className="w-full min-w-[32rem] text-left text-xs">
                            <thead className="bg-slate-50">
                              <tr>
                                <th scope="col" className="px-2 py-1 font-semibold">{t("name")}</th>
                                <th scope="col" className="px-2 py-1 font-semibold">{t("in")}</th>
                                <th scope="col" className="px-2 py-1 font-semibold">{t("type")}</th>
                                <th scope="col" className="px-2 py-1 font-semibold">{t("rules")}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {op.parameters.map((p) => (
                                <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100 align-top">
                                  <th scope="row" className="px-2 py-1 font-mono font-medium">
                                    {p.name}
                                    {p.required && <span className="ml-1 text-red-700">*</span>}
                                  </th>
                                  <td className="px-2 py-1">{p.in}</td>
                                  <td className="break-words px-2 py-1 font-mono">{typeOf(p.schema, components)}</td>
                                  <td className="px-2 py-1">{[p.required ? t("required") : t("optional"), constraints(core(p.schema)), p.description ?? ""].filter(Boolean).join(" · ")}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </div>
                      </div>
                    )}
                    {body && (
                      <div>
                        <h3 className="mb-1 font-semibold">
                          {t("body")} <span className="font-mono text-xs font-normal text-slate-700">{body[0]}</span>
                        </h3>
                        <Fields schema={body[1].schema} t={t} components={components} />
                      </div>
                    )}
                    <div>
                      <h3 className="mb-1 font-semibold">{t("responses")}</h3>
                      <ul className="space-y-1">
                        {Object.entries(op.responses).map(([code, r]) => (
                          <li key={code}>
                            <span className={`mr-2 inline-block min-w-16 rounded px-1.5 font-mono text-xs font-bold ${code.startsWith("2") ? "bg-green-50 text-green-800" : "bg-slate-100 text-slate-800"}`}>{code}</span>
                            <span className="text-slate-800">{r.description}</span>
                            {code.startsWith("2") && r.content?.["application/json"] && (
                              <div className="mt-1">
                                <Fields schema={r.content["application/json"].schema} t={t} components={components} />
                              </div>
                            )}
                          </li>
                        ))}
                      </ul>
                    </div>
                  </div>
                </details>
              );
            })}
        </section>
      ))}
    </div>
  );
}
