import "server-only";
import { cache } from "react";
import { prisma } from "./db";

export interface RefItem {
  code: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
}
export interface StageItem {
  level: number;
  code: string;
  nameVi: string;
  nameEn: string;
  keyMetric: string;
  maturityVi: string;
  maturityEn: string;
  coreValueVi: string;
  coreValueEn: string;
  serviceModelVi: string;
  serviceModelEn: string;
  platformVi: string;
  platformEn: string;
  keyTechnologyVi: string;
  keyTechnologyEn: string;
}
export interface Reference {
  buildingBlocks: RefItem[];
  principles: RefItem[];
  enablers: RefItem[];
  maturityStages: StageItem[];
  metrics: (RefItem & { kind: string })[];
}

const refSelect = { code: true, nameVi: true, nameEn: true, descriptionVi: true, descriptionEn: true } as const;

/** The fixed reference data (seeded by the migrations), in display order. Any signed-in user may read it. */
export const getReference = cache(async (): Promise<Reference> => {
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
    maturityStages: stages.map(({ keyMetricCode, ...s }) => ({ ...s, keyMetric: keyMetricCode })),
    metrics,
  };
});
