/**
 * The API's field messages are English (spec): the screens show them in the user's language. Known messages map to
 * keys of the "reports.validation" messages; anything else falls back to a generic "not valid".
 */
type T = (key: string, values?: Record<string, string | number>) => string;

const EXACT: Record<string, string> = {
  "required for this metric": "required",
  "must be a whole number greater than 0": "positiveInteger",
  "must be a whole number, 0 or more": "nonNegativeInteger",
  "cannot be greater than the denominator": "numeratorTooLarge",
  "must be between -100 and 1000": "percentRange",
  "must be an http or https link": "url",
  "must be a number": "number",
  "must be a whole number": "integer",
  "a comment is required to reject a report": "commentRequired",
  "must not be after the current quarter": "futurePeriod",
};

export function translateDetail(t: T, message: string): string {
  const key = EXACT[message];
  if (key) return t(`validation.${key}`);
  let m = /^at most (\d+) characters$/.exec(message);
  if (m) return t("validation.maxLength", { max: m[1] });
  m = /^at least (-?[\d.]+)$/.exec(message);
  if (m) return t("validation.min", { min: m[1] });
  m = /^at most (-?[\d.]+)$/.exec(message);
  if (m) return t("validation.max", { max: m[1] });
  if (/^must be after the baseline period/.test(message)) return t("validation.beforeBaseline");
  return t("validation.invalid");
}

/** The field errors of an API answer, translated, by field path. */
export function fieldErrors(t: T, details: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details) {
    const msg = translateDetail(t, d.message);
    out[d.path] = out[d.path] ? `${out[d.path]} ${msg}` : msg;
  }
  return out;
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
