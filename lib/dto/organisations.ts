/** Organisations as the API answers them. */
import { z } from "zod";
import { ORGANISATION_KINDS } from "@/lib/domain/codes";
import { id } from "./common";

export const OrganisationDto = z
  .object({
    id,
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    kind: z.enum(ORGANISATION_KINDS),
    parentId: id.nullable(),
    validFrom: z.string().nullable().describe("YYYY-MM-DD, inclusive; null = always"),
    validTo: z.string().nullable().describe("YYYY-MM-DD, exclusive; null = still exists; set only by a restructuring"),
    predecessorIds: z.array(id).describe("the bodies it succeeded directly"),
    successorIds: z.array(id).describe("the bodies that succeeded it"),
    version: z.number().int(),
  })
  .meta({ id: "Organisation" });
export type OrganisationDto = z.infer<typeof OrganisationDto>;

/** An organisation named in another record (lineage, successions). */
export const OrgRef = OrganisationDto.pick({ id: true, code: true, nameVi: true, nameEn: true });
export type OrgRef = z.infer<typeof OrgRef>;
