/**
 * Notifications are stored as a kind and its parameters (names in both languages included, taken when the event
 * happened) and rendered here, in the reader's language, when read: by the list API, the notifications page and the
 * mail job alike. So a person who switches language reads every notification in the new one, and the restructuring
 * can write thousands of them in one SQL statement without a renderer in the loop.
 */
import "server-only";
// use-intl/core (next-intl's own core) rather than next-intl: under `--conditions=react-server` (npm run worker)
// next-intl's entry loads its React bindings, which the server build of React lacks
import { createTranslator } from "use-intl/core";
import vi from "../../messages/vi/notifications.json";
import en from "../../messages/en/notifications.json";
import type { Locale } from "../i18n/config";
import { formatDate, formatDateTime } from "../i18n/format";

export const NOTIFICATION_KINDS = [
  "REPORT_REJECTED",
  "REPORT_APPROVED",
  "REPORTS_SUBMITTED",
  "REPORT_DUE_SOON",
  "REPORT_OVERDUE",
  "OVERDUE_DIGEST",
  "RESTRUCTURED",
  "PASSWORD_RESET",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

type Params = Record<string, unknown>;
const MESSAGES = { vi, en } as const;

export function translator(locale: Locale) {
  return createTranslator({ locale, messages: { notifications: MESSAGES[locale] }, namespace: "notifications", timeZone: "Asia/Ho_Chi_Minh" });
}

const str = (v: unknown): string => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));
const num = (v: unknown): number => (typeof v === "number" ? v : Number(v) || 0);
const named = (locale: Locale, p: Params, key: string) => str(p[`${key}${locale === "vi" ? "Vi" : "En"}`]) || str(p[`${key}Vi`]);
const quarter = (period: unknown) => {
  const m = /^(\d{4})-Q([1-4])$/.exec(str(period));
  return m ? { year: m[1], q: m[2] } : { year: str(period), q: "?" };
};
const names = (locale: Locale, list: unknown): string =>
  Array.isArray(list) ? list.map((x) => (locale === "vi" ? str((x as Params).vi) : str((x as Params).en) || str((x as Params).vi))).join(", ") : "";

/** The title and body of a notification in `locale`. An unknown kind renders as its code (never throws). */
export function renderNotification(locale: Locale, kind: string, p: Params): { title: string; body: string } {
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) return { title: kind, body: "" };
  const t = translator(locale);
  const values: Record<string, string | number> = {
    ...quarter(p.period),
    metric: named(locale, p, "metric"),
    organisation: named(locale, p, "organisation"),
    reviewer: str(p.reviewer),
    comment: str(p.comment) || "none",
    count: num(p.count),
    metrics: names(locale, p.metrics),
    days: num(p.days),
    missing: num(p.missing),
    dueDate: formatDate(locale, str(p.dueDate)),
    organisations: names(locale, p.organisations) + (num(p.count) > (Array.isArray(p.organisations) ? p.organisations.length : 0) ? ", …" : ""),
    from: named(locale, p, "from"),
    to: named(locale, p, "to"),
    legalBasis: str(p.legalBasis),
    effectiveDate: formatDate(locale, str(p.effectiveDate)),
    at: formatDateTime(locale, str(p.at)),
  };
  const k = kind as NotificationKind;
  return { title: t(`kinds.${k}.title`, values), body: t(`kinds.${k}.body`, values) };
}
