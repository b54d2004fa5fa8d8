import { z } from "zod";
import { ORGANISATION_KINDS } from "@/lib/domain/codes";
import { optional, uuid, version } from "./common";

const code = z.string().trim().regex(/^[A-Z0-9_]{2,32}$/, "2 to 32 capital letters, digits or _");
const name = z.string().trim().min(2, "at least 2 characters").max(300);

export const organisationCreateInput = z
  .strictObject({ code, nameVi: name, nameEn: name, kind: z.enum(ORGANISATION_KINDS), parentId: optional(uuid) })
  .superRefine((v, ctx) => {
    if (v.kind === "AGENCY" && !v.parentId) ctx.addIssue({ code: "custom", path: ["parentId"], message: "an agency belongs to a ministry or province" });
    if (v.kind !== "AGENCY" && v.parentId) ctx.addIssue({ code: "custom", path: ["parentId"], message: "only an agency has a parent" });
  });
export type OrganisationCreateInput = z.infer<typeof organisationCreateInput>;

export const organisationUpdateInput = z.strictObject({
  version,
  code: code.optional(),
  nameVi: name.optional(),
  nameEn: name.optional(),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  parentId: uuid.nullish(),
});
export type OrganisationUpdateInput = z.infer<typeof organisationUpdateInput>;

export const organisationListQuery = z.object({ kind: z.enum(ORGANISATION_KINDS).optional() });
