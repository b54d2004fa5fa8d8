import { z } from "zod";
import { BUILDING_BLOCKS, ENABLERS, INITIATIVE_STATUSES, PRINCIPLES } from "@/lib/domain/codes";
import type { ErrorDetail } from "@/lib/errors";
import { TEXT_ENCODINGS } from "@/lib/domain/codes";
import { isoDate, optional, pageQuery, queryBool, rule, uuid, version } from "./common";

/** A list of known codes, each at most once. */
function codeList<T extends readonly [string, ...string[]]>(codes: T, what: string) {
  return z
    .array(z.enum(codes, { error: `unknown ${what}; use one of ${codes.join(", ")}` }))
    .max(codes.length)
    .refine((a) => new Set(a).size === a.length, rule("duplicate_item", `each ${what} may appear only once`));
}

const title = z.string().trim().min(3, "at least 3 characters").max(200, "at most 200 characters");
const description = z.string().max(10_000, "at most 10000 characters");
const buildingBlocks = codeList(BUILDING_BLOCKS, "building block").min(1, "choose at least one building block");
const principles = codeList(PRINCIPLES, "principle");
const enablers = codeList(ENABLERS, "enabler");
const status = z.enum(INITIATIVE_STATUSES, { error: `use one of ${INITIATIVE_STATUSES.join(", ")}` });
const stage = z.number().int("a whole number").min(1, "from 1 to 5").max(5, "from 1 to 5");
/** VND: whole numbers only, and JavaScript must hold them exactly. */
const money = z
  .number()
  .int("a whole number of VND")
  .min(0, "must be 0 or more")
  .max(Number.MAX_SAFE_INTEGER, "too large");
const progress = z.number().int("a whole number").min(0, "from 0 to 100").max(100, "from 0 to 100");
/** An empty reference is no reference (a blank CSV cell, a cleared form field). */
const externalRef = z
  .string()
  .trim()
  .max(100, "at most 100 characters")
  .nullish()
  .transform((v) => (v ? v : null));

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isStage = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5;

/**
 * The rules that span fields, on whatever shape is at hand (a body that may have failed elsewhere, or the merged
 * record of an update): a rule is only checked when the fields it reads are themselves valid, so each problem is
 * reported once, on the field to fix.
 */
export function initiativeRuleIssues(v: Record<string, unknown>): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (isStage(v.currentStage) && isStage(v.targetStage) && v.targetStage < v.currentStage) {
    out.push({ path: "targetStage", message: "must be between currentStage and 5", code: "target_stage_below_current", params: { minimum: v.currentStage } });
  }
  const { startDate, endDate } = v;
  if (
    typeof startDate === "string" &&
    typeof endDate === "string" &&
    DATE_RE.test(startDate) &&
    DATE_RE.test(endDate) &&
    endDate < startDate
  ) {
    out.push({ path: "endDate", message: "must not be before startDate", code: "end_before_start" });
  }
  if (
    v.status === "COMPLETED" &&
    typeof v.progress === "number" &&
    Number.isInteger(v.progress) &&
    v.progress >= 0 &&
    v.progress <= 100 &&
    v.progress !== 100
  ) {
    out.push({ path: "progress", message: "must be 100 when status is COMPLETED", code: "completed_needs_full_progress" });
  }
  return out;
}

// zod skips refinements after a type error in any field; `when` makes the cross-field rules run beside field errors.
const crossField = {
  when: (p: { value: unknown }) => typeof p.value === "object" && p.value !== null && !Array.isArray(p.value),
};
function addRuleIssues(v: unknown, ctx: z.RefinementCtx) {
  for (const i of initiativeRuleIssues(v as Record<string, unknown>))
    ctx.addIssue({ code: "custom", path: [i.path], ...rule(i.code ?? "invalid", i.message, i.params) });
}

/** The fields of an initiative as written by people (the API body, a form, a CSV row), except its organisation. */
export const initiativeFields = {
  title,
  description: description.nullish().transform((v) => v ?? ""),
  buildingBlocks,
  principles: principles.nullish().transform((v) => v ?? []),
  enablers: enablers.nullish().transform((v) => v ?? []),
  status,
  currentStage: stage,
  targetStage: stage,
  startDate: optional(isoDate),
  endDate: optional(isoDate),
  budgetPlanned: optional(money),
  budgetSpent: optional(money),
  progress,
  externalRef,
};

export const initiativeCreateInput = z
  .strictObject({ organisationId: uuid, ...initiativeFields })
  .superRefine(addRuleIssues, crossField);
export type InitiativeCreateInput = z.infer<typeof initiativeCreateInput>;

/** One row of a CSV import: the organisation comes from its code, resolved by the server. */
export const initiativeImportRow = z.strictObject(initiativeFields).superRefine(addRuleIssues, crossField);
export type InitiativeImportRow = z.infer<typeof initiativeImportRow>;

/** A required field of the record: in a PATCH, null means "not given" (spec/api.md), so it changes nothing. */
const keep = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => (v === null ? undefined : v));

/**
 * A PATCH: `version` and the fields to change. Optional fields sent as null are cleared. The cross-field rules are
 * checked here when the body carries both fields, and again by the server on the merged record.
 */
export const initiativeUpdateInput = z
  .strictObject({
    version,
    organisationId: keep(uuid),
    title: keep(title),
    description: keep(description),
    buildingBlocks: keep(buildingBlocks),
    principles: keep(principles),
    enablers: keep(enablers),
    status: keep(status),
    currentStage: keep(stage),
    targetStage: keep(stage),
    startDate: isoDate.nullish(),
    endDate: isoDate.nullish(),
    budgetPlanned: money.nullish(),
    budgetSpent: money.nullish(),
    progress: keep(progress),
    externalRef: z
      .string()
      .trim()
      .max(100, "at most 100 characters")
      .nullish()
      .transform((v) => (v === undefined ? undefined : v ? v : null)),
  })
  .superRefine(addRuleIssues, crossField);
export type InitiativeUpdateInput = z.infer<typeof initiativeUpdateInput>;

export const INITIATIVE_SORTS = [
  "title",
  "status",
  "progress",
  "startDate",
  "endDate",
  "budgetPlanned",
  "updatedAt",
] as const;
export type InitiativeSortField = (typeof INITIATIVE_SORTS)[number];
const sortValues = INITIATIVE_SORTS.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];

/** The list filters (also those of the CSV export, which ignores paging). Query strings: empty means "not given". */
const blankIsAbsent = (v: unknown) => (v === "" ? undefined : v);
export const initiativeListQuery = z.strictObject({
  ...pageQuery,
  organisationId: z.preprocess(blankIsAbsent, uuid.optional()),
  buildingBlock: z.preprocess(blankIsAbsent, z.enum(BUILDING_BLOCKS, { error: "unknown building block" }).optional()),
  status: z.preprocess(blankIsAbsent, status.optional()),
  q: z.preprocess(blankIsAbsent, z.string().trim().max(200, "at most 200 characters").optional()),
  /** true: the archived initiatives (only them); default false: the live ones */
  archived: z.preprocess(blankIsAbsent, queryBool),
  sort: z.preprocess(
    blankIsAbsent,
    z.enum(sortValues, { error: `sort by one of ${INITIATIVE_SORTS.join(", ")}, with - for descending` }).optional(),
  ),
  /**
   * Keyset pagination: the `nextCursor` of the previous page (opaque). The page then starts right after that row, in
   * the same filters and sort, and `page` is not used; any depth costs what the first page does.
   */
  after: z.preprocess(
    blankIsAbsent,
    z
      .string()
      .max(600, "not a cursor of this list")
      .regex(/^[A-Za-z0-9_-]+$/, "not a cursor of this list")
      .optional()
      .describe("the nextCursor of the previous page (opaque): the rows after it, in the same sort; page is then not used"),
  ),
});
export type InitiativeListQuery = z.infer<typeof initiativeListQuery>;

/** DELETE ?version=N */
export const archiveQuery = z.strictObject({
  version: z
    .string({ error: "version is required" })
    .regex(/^[1-9]\d{0,9}$/, "version must be a positive whole number")
    .transform(Number),
});

/** POST /initiatives/{id}/restore */
export const restoreInput = z.strictObject({ version });

/** The query of POST /initiatives/import: a dry run, and the code page of a CSV saved in Windows-1258. */
export const initiativeImportQuery = z.strictObject({
  dryRun: queryBool,
  encoding: z.enum(TEXT_ENCODINGS, { error: `use one of ${TEXT_ENCODINGS.join(", ")}` }).optional(),
});
