/** The fixed reference data (spec/domain.md) as the API answers it. */
import { z } from "zod";
import { METRICS } from "@/lib/domain/codes";

export const RefItemDto = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  descriptionVi: z.string(),
  descriptionEn: z.string(),
});
export type RefItemDto = z.infer<typeof RefItemDto>;

const bilingual = <F extends string>(field: F) =>
  ({ [`${field}Vi`]: z.string(), [`${field}En`]: z.string() }) as Record<`${F}Vi` | `${F}En`, z.ZodString>;

export const StageItemDto = z.object({
  level: z.number().int().min(1).max(5),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  keyMetric: z.enum(METRICS),
  ...bilingual("maturity"),
  ...bilingual("coreValue"),
  ...bilingual("serviceModel"),
  ...bilingual("platform"),
  ...bilingual("keyTechnology"),
});
export type StageItemDto = z.infer<typeof StageItemDto>;

export const ReferenceDto = z.object({
  buildingBlocks: z.array(RefItemDto),
  principles: z.array(RefItemDto),
  enablers: z.array(RefItemDto),
  maturityStages: z.array(StageItemDto),
  metrics: z.array(RefItemDto.extend({ kind: z.enum(["RATIO", "COUNT", "PERCENT"]) })),
});
export type ReferenceDto = z.infer<typeof ReferenceDto>;
