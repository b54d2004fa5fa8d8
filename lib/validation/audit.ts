/** GET /audit: the query the handler parses and the OpenAPI document describes (one schema for both). */
import { z } from "zod";
import { isoDate, pageQuery, rule, uuid } from "./common";

const blankIsAbsent = (v: unknown) => (v === "" ? undefined : v);
/** entity types and actions: any well-formed word (the screen offers the ones lib/server writes) */
const word = z.string().regex(/^[A-Za-z][A-Za-z_-]{0,39}$/, "letters, - and _ only, at most 40");

export const auditListQuery = z
  .strictObject({
    ...pageQuery,
    entityType: z.preprocess(blankIsAbsent, word.optional()).describe("e.g. Initiative, MetricReport, Kpi, User, Organisation, ApiToken, MaturityThresholds, NationalTargets"),
    entityId: z.preprocess(blankIsAbsent, z.string().max(64, "at most 64 characters").optional()),
    actorId: z.preprocess(blankIsAbsent, uuid.optional()),
    actorEmail: z.preprocess(blankIsAbsent, z.string().trim().max(254, "at most 254 characters").optional()).describe("part of the actor's email, case-insensitive"),
    organisationId: z.preprocess(blankIsAbsent, uuid.optional()),
    action: z.preprocess(blankIsAbsent, word.optional()).describe("e.g. create, update, archive, submit, approve, reject, login, login_failed"),
    from: z.preprocess(blankIsAbsent, isoDate.optional()).describe("first day, inclusive (Asia/Ho_Chi_Minh)"),
    to: z.preprocess(blankIsAbsent, isoDate.optional()).describe("last day, inclusive (Asia/Ho_Chi_Minh)"),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: "custom", path: ["to"], ...rule("before_from", "must not be before from") });
  });
export type AuditListQuery = z.infer<typeof auditListQuery>;
