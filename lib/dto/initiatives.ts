/** Initiatives, their history and their file imports as the API answers them. */
import { z } from "zod";
import { BUILDING_BLOCKS, ENABLERS, INITIATIVE_STATUSES, PRINCIPLES } from "@/lib/domain/codes";
import { Changes, date, id, paged, ts } from "./common";
import { ErrorDto } from "./error";

export const InitiativeDto = z
  .object({
    id,
    organisationId: id,
    organisationCode: z.string().describe("the code of organisationId, as in the CSV"),
    title: z.string(),
    description: z.string(),
    buildingBlocks: z.array(z.enum(BUILDING_BLOCKS)),
    principles: z.array(z.enum(PRINCIPLES)),
    enablers: z.array(z.enum(ENABLERS)),
    status: z.enum(INITIATIVE_STATUSES),
    currentStage: z.number().int().min(1).max(5),
    targetStage: z.number().int().min(1).max(5),
    startDate: date.nullable(),
    endDate: date.nullable(),
    budgetPlanned: z.number().nullable().describe("VND"),
    budgetSpent: z.number().nullable().describe("VND"),
    progress: z.number().int().min(0).max(100),
    externalRef: z.string().nullable(),
    version: z.number().int(),
    archivedAt: ts.nullable(),
    createdAt: ts,
    updatedAt: ts,
    createdBy: id,
    updatedBy: id,
  })
  .meta({ id: "Initiative" });
export type InitiativeDto = z.infer<typeof InitiativeDto>;

export const InitiativePageDto = paged(InitiativeDto).extend({
  totalIsEstimate: z.boolean().describe('true when `total` is a cap ("10,000+"), not an exact count'),
  nextCursor: z
    .string()
    .nullable()
    .describe("pass as `after` for the next page (keyset pagination: as fast at any depth); null on the last page"),
});
export type InitiativePageDto = z.infer<typeof InitiativePageDto>;

export const InitiativeHistoryEntryDto = z.object({
  at: ts,
  actor: z.object({ id, email: z.string().nullable() }).nullable(),
  action: z.string(),
  changes: Changes,
});
export type InitiativeHistoryEntryDto = z.infer<typeof InitiativeHistoryEntryDto>;

/** The answer of an import that wrote (initiatives from CSV/.xlsx, metric reports from a workbook). */
export const ImportResultDto = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportResultDto = z.infer<typeof ImportResultDto>;

/** What one row of a preview will do. */
export const ImportPreviewItemDto = z.object({
  row: z.number().int(),
  action: z.enum(["create", "update", "unchanged"]),
  id: id.nullable().describe("the matched initiative (updates and unchanged rows)"),
  title: z.string(),
  organisationCode: z.string(),
  changes: Changes.optional().describe("field: before → after, for updates"),
});
export type ImportPreviewItemDto = z.infer<typeof ImportPreviewItemDto>;

type DetailDto = NonNullable<ErrorDto["error"]["details"]>[number];
const detail = ErrorDto.shape.error.shape.details.unwrap().element;

/** The answer of a dry run: what a real import of the same file would do now, and every problem found. */
export const ImportPreviewDto = ImportResultDto.extend({
  dryRun: z.literal(true),
  rows: z.number().int().describe("data rows in the file"),
  valid: z.boolean().describe("true when a real import would succeed"),
  errors: z.array(detail).describe("every problem, with the same `path`, `code` and `params` as a 400's details"),
  items: z
    .array(ImportPreviewItemDto)
    .describe("row by row, creations and changes first in file order, then unchanged rows, at most 1,000"),
  itemsTruncated: z.boolean().describe("true when some rows are not listed in `items`"),
  format: z.enum(["csv", "xlsx"]),
}).meta({ id: "ImportPreview" });
export type ImportPreviewDto = z.infer<typeof ImportPreviewDto>;
export type ImportIssueDto = DetailDto;
