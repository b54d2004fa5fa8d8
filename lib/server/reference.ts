import "server-only";
import { cache } from "react";
import { prisma } from "./db";
import type { ReferenceDto } from "@/lib/dto/reference";
import type { MetricCode } from "@/lib/domain/codes";

const refSelect = { code: true, nameVi: true, nameEn: true, descriptionVi: true, descriptionEn: true } as const;

/** The fixed reference data (seeded by the migrations), in display order. Any signed-in user may read it. */
export const getReference = cache(async (): Promise<ReferenceDto> => {
  const [buildingBlocks, principles, enablers, stages, metrics] = await Promise.all([
    prisma.buildingBlock.findMany({ select: refSelect, orderBy: { sortOrder: "asc" } }),
    prisma.principle.findMany({ select: refSelect, orderBy: { sortOrder: "asc" } }),
    prisma.enabler.findMany({ select: refSelect, orderBy: { sortOrder: "asc" } }),
    prisma.maturityStage.findMany({ orderBy: { level: "asc" } }),
    prisma.metric.findMany({ select: { ...refSelect, kind: true }, orderBy: { sortOrder: "asc" } }),
  ]);
  return {
    buildingBlocks,
    principles,
    enablers,
    maturityStages: stages.map(({ keyMetricCode, ...s }) => ({ ...s, keyMetric: keyMetricCode as MetricCode })),
    metrics,
  };
});
