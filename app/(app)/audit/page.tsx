import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, listAuditEntries } from "@/lib/server/audit-log";
import { listOrganisations } from "@/lib/server/organisations";
import { AppError } from "@/lib/server/errors";
import { PageHeader } from "@/components/ui/page-header";
import { inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Pager } from "@/components/admin/pager";
import { formatDateTime } from "@/lib/i18n/format";
import { officialDate } from "@/components/restructuring/format";
import { isStoredSuccession, successionText } from "@/components/audit/succession-text";
import { restructuringSummaries } from "@/lib/server/restructurings";
import type { Locale } from "@/lib/i18n/config";
import type { AuditEntryDto } from "@/lib/dto/audit";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("admin.audit");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const FILTERS = ["actorEmail", "entityType", "action", "organisationId", "from", "to", "entityId"] as const;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION_TONE: Record<string, "green" | "blue" | "red" | "amber" | "slate" | "violet"> = {
  create: "green",
  update: "blue",
  archive: "amber",
  restore: "green",
  delete: "red",
  submit: "blue",
  approve: "green",
  reject: "red",
  login: "slate",
  login_failed: "red",
  logout: "slate",
  password_change: "blue",
  revoke: "amber",
  restructure: "violet",
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  if (!can(actor, "audit.read")) notFound();
  const t = await getTranslations("admin.audit");
  const tc = await getTranslations("admin.common");
  const tv = await getTranslations("validity.history");
  const locale = (await getLocale()) as Locale;
  const sp = await searchParams;
  const filters = Object.fromEntries(FILTERS.map((k) => [k, one(sp[k])])) as Record<(typeof FILTERS)[number], string>;
  const page = one(sp.page) || "1";
  const query = Object.fromEntries(Object.entries({ ...filters, page, pageSize: "25" }).filter(([, v]) => v !== ""));
  let result: Awaited<ReturnType<typeof listAuditEntries>>;
  let badFilter: string[] = [];
  try {
    result = await listAuditEntries(actor, query);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "validation_failed") throw err;
    badFilter = (err.details ?? []).map((d) => d.path);
    result = await listAuditEntries(actor, { pageSize: "25" });
  }
  const organisations = await listOrganisations(actor, { status: "all" });
  const orgName = new Map(organisations.map((o) => [o.id, locale === "vi" ? o.nameVi : o.nameEn]));
  const visibleOrgs = (actor.role === "OFFICER" ? organisations.filter((o) => actor.scope.includes(o.id)) : organisations)
    .map((o) => ({ id: o.id, name: orgName.get(o.id)! }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  const hasFilter = FILTERS.some((k) => filters[k]);
  // a restructuring's entries name it by id: shown by its date and legal basis
  const restructurings = await restructuringSummaries(
    result.data.flatMap((e) => [e.entityType === "Restructuring" ? e.entityId ?? "" : "", String(e.changes?.restructuringId?.to ?? "")]),
  );
  const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
  const label = (k: string) => (
    <label htmlFor={`a-${k}`} className="block text-sm font-medium text-slate-900">
      {t(`filter.${k}`)}
    </label>
  );

  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return "—";
    if (typeof v === "boolean") return v ? t("yes") : t("no");
    if (typeof v === "string" && UUID_RE.test(v) && orgName.has(v)) return orgName.get(v)!;
    if (typeof v === "string" && restructurings[v]) return tv("restructuring", { date: officialDate(locale, restructurings[v].effectiveDate), basis: restructurings[v].legalBasis });
    if (typeof v === "string" && DATE_RE.test(v)) return officialDate(locale, v);
    if (field === "sessions" && v === "revoked") return tv("revoked");
    if (field === "moves" && typeof v === "object" && !Array.isArray(v)) {
      const m = v as Record<string, number>;
      return tv("movesSummary", { initiatives: m.initiatives ?? 0, kpis: m.kpis ?? 0, users: m.users ?? 0, agencies: m.agencies ?? 0, reports: m.reports ?? 0 });
    }
    if (typeof v === "string" && /At$/.test(field) && !Number.isNaN(Date.parse(v))) return formatDateTime(locale, v);
    // a restructuring's successions: "A → succeeded by B, C; past figures go to B", by names (components/audit)
    if (field === "successions" && isStoredSuccession(v)) return successionText(tv, v, (id) => orgName.get(id));
    if (Array.isArray(v)) return v.length ? v.map((x) => show(field, x)).join(field === "successions" ? " · " : ", ") : "—";
    if (typeof v === "object") {
      return Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${k}: ${show(k, x)}`)
        .join("; ");
    }
    return String(v);
  };
  const entityName = (type: string) => (type === "Restructuring" ? tv("entity") : t.has(`entity.${type}`) ? t(`entity.${type}`) : type);
  const entityLabel = (e: AuditEntryDto) => entityName(e.entityType);
  const actionLabel = (a: string) => (a === "restructure" ? tv("restructure") : t.has(`action.${a}`) ? t(`action.${a}`) : a);
  // the fields of a restructuring's entries are named in words; other entries keep the record's own keys
  const fieldLabel = (e: AuditEntryDto, field: string) =>
    (e.action === "restructure" || e.entityType === "Restructuring") && tv.has(`fields.${field}`) ? tv(`fields.${field}`) : field;

  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={actor.role === "OFFICER" ? t("introOfficer") : t("intro")} />
      <form method="get" role="search" aria-label={t("filters")} className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3">
        <div>
          {label("actorEmail")}
          <input id="a-actorEmail" name="actorEmail" type="search" defaultValue={filters.actorEmail} placeholder="ten@co-quan.gov.vn" className={`mt-1 ${inputClass}`} />
        </div>
        <div>
          {label("entityType")}
          <select id="a-entityType" name="entityType" defaultValue={filters.entityType} className={`mt-1 ${inputClass}`}>
            <option value="">{tc("all")}</option>
            {AUDIT_ENTITY_TYPES.map((e) => (
              <option key={e} value={e}>
                {entityName(e)}
              </option>
            ))}
          </select>
        </div>
        <div>
          {label("action")}
          <select id="a-action" name="action" defaultValue={filters.action} className={`mt-1 ${inputClass}`}>
            <option value="">{tc("all")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div>
          {label("organisationId")}
          <select id="a-organisationId" name="organisationId" defaultValue={filters.organisationId} className={`mt-1 ${inputClass}`}>
            <option value="">{actor.role === "OFFICER" ? t("allMine") : tc("all")}</option>
            {visibleOrgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          {label("from")}
          <input id="a-from" name="from" type="date" defaultValue={filters.from} className={`mt-1 ${inputClass}`} aria-invalid={badFilter.includes("from") || undefined} />
        </div>
        <div>
          {label("to")}
          <input id="a-to" name="to" type="date" defaultValue={filters.to} className={`mt-1 ${inputClass}`} aria-invalid={badFilter.includes("to") || undefined} />
        </div>
        {filters.entityId && <input type="hidden" name="entityId" value={filters.entityId} />}
        <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-3">
          <button type="submit" className={buttonClass("primary")}>
            {tc("applyFilters")}
          </button>
          {hasFilter && (
            <a href="/audit" className={buttonClass("secondary")}>
              {tc("clearFilters")}
            </a>
          )}
          {badFilter.length > 0 && (
            <p role="alert" className="text-sm text-red-700">
              {tc("badFilter")}
            </p>
          )}
        </div>
      </form>

      <section aria-labelledby="audit-list-title" className="space-y-3">
        <h2 id="audit-list-title" className="text-base font-semibold text-slate-900">
          {t("listTitle", { total: result.total })}
        </h2>
        {result.data.length === 0 && <p className="rounded-xl border border-slate-200 bg-white p-4 text-slate-700">{t("empty")}</p>}
        <ol className="space-y-3">
          {result.data.map((e) => {
            const changes = Object.entries(e.changes ?? {});
            return (
              <li key={e.id} className="min-w-0 rounded-xl border border-slate-200 bg-white p-4" data-testid="audit-entry">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                  <Badge tone={ACTION_TONE[e.action] ?? "violet"}>{actionLabel(e.action)}</Badge>
                  <span className="min-w-0 font-semibold text-slate-900 [overflow-wrap:anywhere]">{entityLabel(e)}</span>
                  {e.organisationId && <span className="min-w-0 text-slate-800 [overflow-wrap:anywhere]">· {orgName.get(e.organisationId) ?? e.organisationId}</span>}
                  <time dateTime={e.at} className="ml-auto whitespace-nowrap text-slate-700">
                    {formatDateTime(locale, e.at)}
                  </time>
                </div>
                <p className="mt-1 break-all text-sm text-slate-700">
                  {t("by")} <span className="font-medium text-slate-900">{e.actor?.email ?? t("system")}</span>
                  {e.entityId && (
                    <>
                      {" · "}
                      {t("record")} <code className="text-xs">{e.entityId}</code>
                    </>
                  )}
                </p>
                {changes.length > 0 && (
                  <table className="mt-2 w-full table-fixed text-left text-sm">
                    <caption className="sr-only">{t("changesOf", { what: entityLabel(e) })}</caption>
                    <thead className="sr-only">
                      <tr>
                        <th scope="col">{t("field")}</th>
                        <th scope="col">{t("change")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {changes.map(([field, c]) => (
                        <tr key={field} className="border-t border-slate-100 align-top">
                          <th scope="row" className="w-1/4 py-1 pr-2 font-mono text-xs font-medium text-slate-800 [overflow-wrap:anywhere]">
                            {fieldLabel(e, field)}
                          </th>
                          <td className="py-1 text-slate-900 [overflow-wrap:anywhere]">
                            <span className="text-slate-700 line-through decoration-slate-400">{show(field, c?.from)}</span>
                            <span aria-hidden="true" className="px-1 text-slate-700">
                              →
                            </span>
                            <span className="sr-only"> {t("to")} </span>
                            <span className="font-medium">{show(field, c?.to)}</span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </li>
            );
          })}
        </ol>
      </section>
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} params={filters} basePath="/audit" />
    </div>
  );
}
