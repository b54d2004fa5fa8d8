import { z } from "zod";
import { ORGANISATION_KINDS } from "@/lib/domain/codes";
import { isoDate, namedPattern, optional, pageQuery, period, rule, uuid, version } from "./common";

const validFrom = isoDate.refine((s) => s >= "1900-01-01" && s <= "2100-12-31", rule("year_out_of_range", "a year from 1900 to 2100", { minimum: 1900, maximum: 2100 }));

const code = z.string().trim().regex(namedPattern(/^[A-Z0-9_]{2,32}$/, "organisation_code"), "2 to 32 capital letters, digits or _");
const name = z.string().trim().min(2, "at least 2 characters").max(300);

export const organisationCreateInput = z
  .strictObject({ code, nameVi: name, nameEn: name, kind: z.enum(ORGANISATION_KINDS), parentId: optional(uuid), validFrom: optional(validFrom) })
  .superRefine((v, ctx) => {
    if (v.kind === "AGENCY" && !v.parentId) ctx.addIssue({ code: "custom", path: ["parentId"], ...rule("agency_needs_parent", "an agency belongs to a ministry or province") });
    if (v.kind !== "AGENCY" && v.parentId) ctx.addIssue({ code: "custom", path: ["parentId"], ...rule("only_agency_has_parent", "only an agency has a parent") });
  });
export type OrganisationCreateInput = z.infer<typeof organisationCreateInput>;

export const organisationUpdateInput = z.strictObject({
  version,
  code: code.optional(),
  nameVi: name.optional(),
  nameEn: name.optional(),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  parentId: uuid.nullish(),
  /** null = in force always; validTo is never written here (only a restructuring sets it) */
  validFrom: validFrom.nullish(),
});
export type OrganisationUpdateInput = z.infer<typeof organisationUpdateInput>;

/** `status`: omitted = in force today; `all` = every organisation; `dissolved` = those no longer in force. */
export const organisationListQuery = z.object({
  kind: z.enum(ORGANISATION_KINDS).optional(),
  at: period.optional(),
  status: z.enum(["all", "dissolved"]).optional(),
  ...pageQuery,
});
export type OrganisationListQuery = z.infer<typeof organisationListQuery>;
