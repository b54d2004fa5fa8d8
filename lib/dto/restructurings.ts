/** Restructurings (spec/restructuring.md) as the API answers them, and an organisation's place in them. */
import { z } from "zod";
import { id, date, ts, periodS } from "./common";
import { OrgRef } from "./organisations";

export const MovesDto = z.object({
  initiatives: z.number().int(),
  kpis: z.number().int(),
  users: z.number().int(),
  agencies: z.number().int(),
  reports: z.number().int(),
});
export type MovesDto = z.infer<typeof MovesDto>;

export const RestructuringDto = z
  .object({
    id,
    effectiveDate: date,
    legalBasis: z.string(),
    note: z.string().nullable(),
    successions: z.array(z.object({ fromId: id, toIds: z.array(id), historyTo: id.nullable() })),
    createdAt: ts,
    createdBy: id,
    moves: MovesDto.optional().describe("what moved to the primary successors (in the answer to POST only)"),
  })
  .meta({ id: "Restructuring" });
export type RestructuringDto = z.infer<typeof RestructuringDto>;

export const ConflictDto = z.object({
  kind: z.enum(["report", "initiative"]),
  reportId: id.optional(),
  initiativeId: id.optional(),
  organisationId: id,
  period: periodS.optional(),
  metric: z.string().optional(),
  externalRef: z.string().optional(),
  message: z.string().describe("English, for people reading the raw answer"),
  code: z.enum(["report_conflict_taken", "report_conflict_shared", "external_ref_conflict"]).describe("what the conflict is, for programs and the UI's translations"),
  params: z
    .record(z.string(), z.string())
    .describe("what the code's text needs: organisation and successor codes, status, metric, period or externalRef"),
});
export type ConflictDto = z.infer<typeof ConflictDto>;

export const RestructuringPreviewDto = z
  .object({ dissolve: z.array(id), moves: MovesDto, conflicts: z.array(ConflictDto) })
  .meta({ id: "RestructuringPreview" });
export type RestructuringPreviewDto = z.infer<typeof RestructuringPreviewDto>;

/** An organisation's place in the restructurings (its page): who it came from, who it went to, whose past it carries. */
export const OrganisationHistoryDto = z.object({
  formed: z
    .array(
      z.object({
        restructuringId: id,
        effectiveDate: date,
        legalBasis: z.string(),
        created: z.boolean(),
        predecessors: z.array(OrgRef.extend({ historyHere: z.boolean(), shared: z.boolean() })),
      }),
    )
    .describe(
      "restructurings in which it took over other bodies (it was created by them when its validFrom is their date)",
    ),
  dissolved: z
    .object({
      restructuringId: id,
      effectiveDate: date,
      legalBasis: z.string(),
      successors: z.array(OrgRef),
      historyTo: OrgRef.nullable(),
    })
    .nullable()
    .describe("the restructuring that dissolved it"),
  lineage: z.array(OrgRef).describe("every predecessor its comparable figures count (through historyTo, transitively)"),
});
export type OrganisationHistoryDto = z.infer<typeof OrganisationHistoryDto>;

/** A restructuring marked on a chart of a range of quarters. */
export const RestructuringMarkDto = z.object({
  date: date.describe("the effective date"),
  period: periodS.describe("the quarter it first shapes (the one holding its effective date)"),
  legalBasis: z.string(),
});
export type RestructuringMarkDto = z.infer<typeof RestructuringMarkDto>;
