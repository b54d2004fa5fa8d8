/**
 * Typed errors of the core and the codes of the API's error answers. lib/api/respond.ts maps them to the HTTP error
 * format of spec/api.md in one place; server actions map them to form state. Nothing else decides status codes.
 * Shared, not server-only: lib/validation (which runs in the browser too) raises ValidationError, and the UI's API
 * client (lib/api-client) reads the same codes. Imports nothing, so tsx scripts (prisma/seed.ts) can use it as well.
 */
/**
 * The machine codes of `details[].code` (spec/api.md): what the UI translates (messages/<locale>/validation.json, one
 * text per code — lib/i18n/validation-messages.test.ts checks both languages). The first group are zod's own checks,
 * with zod's parameters (`too_small` with `{ minimum, origin }`); the rest are the rules of lib/validation and
 * lib/server. A detail built without a code goes out as `invalid` (lib/api/respond.ts).
 */
export const VALIDATION_CODES = [
  // zod's checks (lib/validation/common.ts issuesToDetails)
  "required",
  "invalid_type",
  "too_small",
  "too_big",
  "invalid_format",
  "invalid_value",
  "unknown_field",
  "not_multiple_of",
  "invalid",
  // shared field rules
  "nul_character",
  "date_not_real",
  "year_out_of_range",
  "period_out_of_range",
  "period_in_future",
  "duplicate_item",
  "malformed_json",
  // initiatives
  "target_stage_below_current",
  "end_before_start",
  "completed_needs_full_progress",
  "no_such_organisation",
  "organisation_not_in_force",
  "not_your_organisation",
  // KPIs and national targets
  "period_not_after_baseline",
  "target_not_better",
  "one_target_per_metric",
  // metric reports
  "http_link_only",
  "ratio_value_computed",
  "required_for_metric",
  "positive_integer",
  "non_negative_integer",
  "numerator_above_denominator",
  "not_for_metric",
  "out_of_range",
  // date ranges of queries
  "before_from",
  "too_many_quarters",
  "due_before_cut_off",
  // users and passwords
  "password_too_common",
  "password_unchanged",
  "password_wrong",
  "officer_needs_organisation",
  // organisations
  "agency_needs_parent",
  "only_agency_has_parent",
  "parent_not_ministry_or_province",
  "has_agencies",
  "records_before_valid_from",
  "valid_from_after_dissolution",
  // conflicts named on a field
  "duplicate",
  "version_conflict",
  // file imports (initiatives CSV/.xlsx, the quarterly report workbook): file, header and cell problems
  "file_empty",
  "file_no_rows",
  "file_not_utf8",
  "file_not_xlsx",
  "csv_unclosed_quote",
  "row_too_many_cells",
  "more_problems",
  "unknown_column",
  "duplicate_column",
  "missing_column",
  "not_a_number",
  "ambiguous_number",
  "not_a_date",
  "unknown_organisation_code",
  "invalid_id",
  "unknown_initiative_id",
  "import_moves_initiative",
  "already_on_row",
  "initiative_archived",
  "no_metric_header",
  "unknown_metric",
  // restructurings (lib/domain/restructuring.ts, lib/server/restructuring-core.ts)
  "too_far_ahead",
  "dissolved_twice",
  "already_dissolved",
  "starts_same_day",
  "own_successor",
  "successor_not_in_force",
  "agency_succeeded_by_agency",
  "not_succeeded_by_agency",
  "history_to_not_successor",
  "succession_cycle",
  "successor_dissolved_here",
  "dissolved_meanwhile",
  "report_conflict_taken",
  "report_conflict_shared",
  "external_ref_conflict",
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

const VALIDATION_CODE_SET: ReadonlySet<string> = new Set(VALIDATION_CODES);
export const isValidationCode = (c: unknown): c is ValidationCode => typeof c === "string" && VALIDATION_CODE_SET.has(c);

/** The parameters a code's text may use (`{ minimum: 3 }`): plain values only, so they travel as JSON and into ICU. */
export type DetailParams = Record<string, string | number | boolean | string[]>;

/**
 * One problem: where (`path`, e.g. "row 7.progress"), what (English `message` for people reading the raw API, `code`
 * and `params` for programs and the UI), and for file imports the value as written and, where they are few, the
 * values allowed.
 */
export type ErrorDetail = { path: string; message: string; code?: ValidationCode; params?: DetailParams; value?: string; allowed?: string[] };

export type ErrorCode =
  | "validation_failed"
  | "unauthenticated"
  | "invalid_credentials"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "version_conflict"
  | "duplicate"
  | "invalid_transition"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable";

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  version_conflict: 409,
  duplicate: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/** An expected failure: its message is safe to show to the caller. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export class ValidationError extends AppError {
  constructor(details: ErrorDetail[], message = "Some fields are not valid") {
    super("validation_failed", message, details);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in first") {
    super("unauthenticated", message);
  }
}
export class InvalidCredentialsError extends AppError {
  constructor() {
    super("invalid_credentials", "Wrong email or password");
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do this") {
    super("forbidden", message);
  }
}
export class NotFoundError extends AppError {
  constructor(what = "Record") {
    super("not_found", `${what} not found`);
  }
}
export class MethodNotAllowedError extends AppError {
  constructor(method: string, readonly allow: string[]) {
    super("method_not_allowed", `${method} is not allowed here; use ${allow.join(", ")}`, undefined, { allow });
  }
}
export class VersionConflictError extends AppError {
  constructor(currentVersion: number) {
    super(
      "version_conflict",
      "Someone else saved this record first; reload to see their changes",
      [{ path: "version", message: `current version is ${currentVersion}`, code: "version_conflict", params: { currentVersion } }],
      { currentVersion },
    );
  }
}
export class DuplicateError extends AppError {
  constructor(path: string, message = "This value is already taken") {
    super("duplicate", message, [{ path, message, code: "duplicate" }]);
  }
}
export class InvalidTransitionError extends AppError {
  constructor(message: string) {
    super("invalid_transition", message);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(limit: string) {
    super("payload_too_large", `The request body is larger than ${limit}`);
  }
}
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", "Too many attempts; try again later", undefined, { retryAfterSeconds });
  }
}
export class UnavailableError extends AppError {
  constructor() {
    super("unavailable", "The database is temporarily unavailable; try again shortly");
  }
}
