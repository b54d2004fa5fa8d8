/**
 * The messages the browser gets: only those client code uses, so a page's RSC payload does not carry every namespace
 * (~94 kB of Vietnamese) to every page. Server components translate with getTranslations and keep every message.
 *
 * `shell` is what the root layout's NextIntlClientProvider sends: the client code of the layouts and error boundaries
 * (the header, the error page). A page whose client components need more is exported as
 * `withClientMessages("/route", Page)` (components/i18n/client-messages.tsx): its content then gets exactly the list
 * under its route — a nested NextIntlClientProvider replaces the messages of the one above (use-intl's IntlProvider:
 * `messages ?? prevContext.messages`), so a page's list covers everything its own client components use.
 *
 * A path is two levels deep at most, as the client code's calls name it (lib/i18n/client-usage.ts): "initiatives.kpi"
 * for t("kpi.goal") of useTranslations("initiatives") (the whole object, so dynamic keys such as t(`kpi.${k}`) are
 * covered), "admin.users" for useTranslations("admin.users"), "notifications.bell" for t("bell") of
 * useTranslations("notifications"), a whole namespace ("validation") where a key is not written out. The lists are
 * not kept by hand: lib/i18n/client-messages.test.ts reads the client code reachable from every route file and fails,
 * naming the file and printing the list to paste, for a path used but not sent, sent but not used, or a page that
 * needs messages and is not wrapped.
 */

export const CLIENT_MESSAGES = {
  shell: ["app.name", "app.skipToContent", "errors.genericBody", "errors.genericTitle", "errors.retry", "errors.unavailableBody", "nav", "notifications.bell", "roles"],
  "/admin/calendar": ["calendar.defaults", "calendar.failure", "calendar.forbidden", "calendar.quarters", "calendar.validation", "forms.closeConfirm", "forms.leaveConfirm", "forms.unsaved", "numbers.ambiguous", "numbers.notInteger", "numbers.notNumber", "validation"],
  "/admin/organisations": ["admin.common", "admin.errors", "admin.organisations", "forms.closeConfirm", "forms.fixErrors", "forms.leaveConfirm", "forms.unsaved", "kinds", "validation", "validity.organisationForm"],
  "/admin/settings": ["briefing.settings", "forms.closeConfirm", "forms.leaveConfirm", "forms.unsaved", "numbers.ambiguous", "numbers.notInteger", "numbers.notNumber", "reports", "validation"],
  "/admin/targets": ["admin.common", "admin.errors", "admin.targets", "forms.closeConfirm", "forms.leaveConfirm", "forms.unsaved", "numbers.ambiguous", "numbers.notInteger", "numbers.notNumber", "validation"],
  "/admin/users": ["admin.common", "admin.errors", "admin.users", "forms.closeConfirm", "forms.fixErrors", "forms.leaveConfirm", "forms.unsaved", "password.admin", "roles", "validation"],
  "/dashboard": ["briefing.download", "briefing.downloadFailed", "briefing.downloading", "dashboard.metricShort", "dashboard.ranking", "dashboard.table", "kinds", "lists.rankingAll", "lists.rankingFirst"],
  "/initiatives/[id]/edit": ["forms.closeConfirm", "forms.leaveConfirm", "initiatives.actions", "initiatives.archive", "initiatives.errors", "initiatives.fields", "initiatives.form", "initiatives.stageOption", "initiatives.status", "numbers.ambiguous", "numbers.notInteger", "numbers.notNumber", "restore.body", "restore.button", "restore.confirm", "restore.conflict", "restore.notArchived", "restore.restoring", "restore.title", "validation"],
  "/initiatives/[id]": ["forms.closeConfirm", "forms.leaveConfirm", "forms.unsaved", "initiatives.actions", "initiatives.archive", "initiatives.blockShort", "initiatives.errors", "initiatives.form", "initiatives.kpi", "initiatives.rating", "initiatives.status", "numbers.ambiguous", "numbers.notInteger", "numbers.notNumber", "restore.body", "restore.button", "restore.confirm", "restore.conflict", "restore.notArchived", "restore.restoring", "restore.title", "validation"],
  "/initiatives/import": ["initiatives.errors", "initiatives.fields", "initiatives.import", "spreadsheets.import", "validation"],
  "/initiatives/new": ["forms.closeConfirm", "forms.leaveConfirm", "initiatives.actions", "initiatives.errors", "initiatives.fields", "initiatives.form", "initiatives.stageOption", "initiatives.status", "numbers.ambiguous", "numbers.notInteger", "numbers.notNumber", "validation"],
  "/initiatives": ["initiatives.actions", "initiatives.fields", "initiatives.filters", "initiatives.status", "initiatives.table", "restore.filter", "spreadsheets.exportXlsx"],
  "/notifications": ["notifications.error", "notifications.markAllRead", "notifications.markRead", "notifications.markedAll", "notifications.receivedAt", "notifications.unread"],
  "/organisations/[id]": ["briefing.download", "briefing.downloadFailed", "briefing.downloading"],
  "/profile": ["admin.common", "admin.errors", "admin.profile", "forms.closeConfirm", "forms.leaveConfirm", "forms.unsaved", "nav.language", "nav.switchTo", "notifications.error", "notifications.preference", "password.changed", "password.confirm", "password.current", "password.errors", "password.new", "password.newHint", "password.submit", "password.submitting", "password.title", "validation"],
  "/reports": ["briefing.evidence", "forms.closeConfirm", "forms.leaveConfirm", "initiatives.errors", "numbers.ambiguous", "numbers.notInteger", "numbers.notNumber", "reports", "spreadsheets.reports", "validation", "warnings.cumulative_decrease", "warnings.hint", "warnings.large_change", "warnings.late", "warnings.needNotes", "warnings.noteRequired", "warnings.title"],
  "/restructurings/new": ["kinds", "restructuring.wizard", "validation", "validity.problems"],
  "/review": ["briefing.evidence", "reports", "validation", "warnings.cumulative_decrease", "warnings.large_change", "warnings.late"],
  "/change-password": ["admin.common", "forms.closeConfirm", "forms.leaveConfirm", "nav.language", "nav.switchTo", "password.changed", "password.confirm", "password.current", "password.errors", "password.new", "password.newHint", "password.signOut", "password.submit", "password.submitting", "password.title", "validation"],
  "/forgot-password": ["admin.common", "nav.language", "nav.switchTo", "notifications.forgot", "password.confirm", "password.errors", "password.new", "password.newHint", "password.submitting", "validation"],
  "/login": ["login", "nav.language", "nav.switchTo"],
  "/reset-password": ["admin.common", "nav.language", "nav.switchTo", "notifications.forgot", "password.confirm", "password.errors", "password.new", "password.newHint", "password.submitting", "validation"],
} as const satisfies Record<string, readonly string[]>;

export type ClientMessagesScope = keyof typeof CLIENT_MESSAGES;

type Messages = Record<string, unknown>;

/** The paths without those inside another one of them ("initiatives.status" goes when "initiatives" is there), sorted. */
export function outermost(paths: readonly string[]): string[] {
  const all = [...new Set(paths)];
  return all.filter((p) => !all.some((q) => q !== p && p.startsWith(`${q}.`))).sort();
}

/**
 * The messages at the given dotted paths, in their nesting (the picked objects are shared with `messages`, never
 * written to); a path that is not there is left out.
 */
export function pickMessages(messages: Messages, paths: readonly string[]): Messages {
  const out: Messages = {};
  for (const p of outermost(paths)) {
    const keys = p.split(".");
    let from: unknown = messages;
    for (const k of keys) from = from !== null && typeof from === "object" ? (from as Messages)[k] : undefined;
    if (from === undefined) continue;
    let to = out;
    for (const k of keys.slice(0, -1)) {
      const next = to[k];
      to = (to[k] = next !== null && typeof next === "object" ? next : {}) as Messages;
    }
    to[keys[keys.length - 1]] = from;
  }
  return out;
}
