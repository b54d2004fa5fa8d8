/**
 * The reports screens' words for a failed call. Field problems are translated from their machine codes in one place
 * (lib/api-client/error-text.ts); this is only the message for a failure that is not about one field, by its code.
 */
type T = (key: string, values?: Record<string, string | number>) => string;

/** Field texts joined into one line per field (the reports screens show one line under a field). */
export function joined(fields: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.join(" ")]));
}

/** A message for an API failure that is not about one field. */
export function failureMessage(t: T, status: number, code: string): string {
  if (code === "version_conflict" || code === "invalid_transition" || code === "duplicate") return t("failure.conflict");
  if (code === "forbidden") return t("failure.forbidden");
  if (code === "not_found") return t("failure.notFound");
  if (code === "validation_failed") return t("failure.validation");
  if (code === "unauthenticated") return t("failure.signedOut");
  if (status === 0) return t("failure.network");
  return t("failure.unexpected");
}
