import { useLocale, useTranslations } from "next-intl";
import { formatDate, formatDateTime, formatPercent, formatVnd } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { officialDate } from "@/components/restructuring/format";
import type { InitiativeHistoryEntryDto } from "@/lib/dto/initiatives";

/** Names for the codes a change may hold (resolved by the page from the database). */
export interface HistoryNames {
  organisations: Record<string, string>;
  codes: Record<string, string>;
  stages: Record<string, string>;
  /** the restructurings a move names (restructuringId), by id */
  restructurings?: Record<string, { effectiveDate: string; legalBasis: string }>;
}

/** The order a change lists its fields in (the form's order; the log stores them unordered). */
const ORDER = [
  "title",
  "organisationId",
  "externalRef",
  "status",
  "progress",
  "description",
  "currentStage",
  "targetStage",
  "startDate",
  "endDate",
  "budgetPlanned",
  "budgetSpent",
  "buildingBlocks",
  "principles",
  "enablers",
  "archivedAt",
  "restructuringId",
];
const rank = (f: string) => (ORDER.includes(f) ? ORDER.indexOf(f) : ORDER.length);
const LIST_FIELDS = new Set(["buildingBlocks", "principles", "enablers"]);
const MAX_TEXT = 160;

/** Who changed what and when, newest first, with field labels translated and values formatted. */
export function HistoryTimeline({ entries, names }: { entries: InitiativeHistoryEntryDto[]; names: HistoryNames }) {
  const t = useTranslations("initiatives");
  const tv = useTranslations("validity.history");
  const locale = useLocale() as Locale;

  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) return t("history.none");
    if (LIST_FIELDS.has(field) && Array.isArray(v)) return v.map((c) => names.codes[String(c)] ?? String(c)).join("; ");
    switch (field) {
      case "organisationId":
        return names.organisations[String(v)] ?? String(v);
      case "status":
        return t(`status.${String(v)}`);
      case "currentStage":
      case "targetStage":
        return t("stageOption", { level: Number(v), name: names.stages[String(v)] ?? "" });
      case "startDate":
      case "endDate":
        return formatDate(locale, String(v));
      case "archivedAt":
        return formatDateTime(locale, String(v));
      case "restructuringId": {
        const r = names.restructurings?.[String(v)];
        return r ? tv("restructuring", { date: officialDate(locale, r.effectiveDate), basis: r.legalBasis }) : String(v);
      }
      case "budgetPlanned":
      case "budgetSpent":
        return formatVnd(locale, Number(v));
      case "progress":
        return formatPercent(locale, Number(v), 0);
      default: {
        const s = String(v);
        return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s;
      }
    }
  };
  const label = (field: string) => (t.has(`fields.${field}`) ? t(`fields.${field}`) : tv.has(`fields.${field}`) ? tv(`fields.${field}`) : field);
  const action = (a: string) => (t.has(`history.actions.${a}`) ? t(`history.actions.${a}`) : a === "restructure" ? tv("restructure") : a);
  // a value that only appears (a move's restructuring) is shown alone, without "(empty) →"
  const added = (field: string, c: { from: unknown }) => field === "restructuringId" && (c.from === null || c.from === undefined);

  if (entries.length === 0) return <p className="text-sm text-slate-700">{t("history.empty")}</p>;
  const newestFirst = [...entries].reverse();
  return (
    <ol className="relative space-y-4 border-l-2 border-slate-200 pl-5" data-testid="history">
      {newestFirst.map((e, i) => {
        const fields = Object.entries(e.changes ?? {}).sort(([a], [b]) => rank(a) - rank(b));
        return (
          <li key={`${e.at}-${i}`} className="relative">
            <span aria-hidden="true" className="absolute -left-[27px] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-brand-700 ring-2 ring-brand-200" />
            <p className="text-sm">
              <span className="font-semibold text-slate-900">{action(e.action)}</span>
              <span className="text-slate-700">
                {" · "}
                {t("history.by", { who: e.actor?.email ?? t("history.system") })}
                {" · "}
                <time dateTime={e.at}>{formatDateTime(locale, e.at)}</time>
              </span>
            </p>
            {fields.length > 0 && e.action !== "archive" && e.action !== "restore" && (
              <dl className="mt-1 space-y-1 text-sm">
                {fields.map(([f, c]) => (
                  <div key={f} className="grid gap-x-2 sm:grid-cols-[12rem_1fr]">
                    <dt className="font-medium text-slate-800">{label(f)}</dt>
                    <dd className="text-slate-800">
                      {e.action === "create" || added(f, c) ? (
                        value(f, c.to)
                      ) : (
                        <>
                          <span className="text-slate-600 line-through decoration-slate-400">{value(f, c.from)}</span>
                          <span aria-hidden="true"> → </span>
                          <span className="sr-only"> {t("history.changedTo")} </span>
                          <span>{value(f, c.to)}</span>
                        </>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}
