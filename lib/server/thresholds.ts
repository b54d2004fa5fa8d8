import "server-only";
import { prisma } from "./db";
import { transaction } from "./tx";
import { audit, diffFields } from "./audit";
import { ForbiddenError } from "./errors";
import { can, type Actor } from "@/lib/auth/permissions";
import { parseOrThrow } from "@/lib/validation/common";
import { thresholdsInput } from "@/lib/validation/reports";
import { DEFAULT_THRESHOLDS, THRESHOLD_METRICS, type Thresholds } from "@/lib/domain/maturity";

type Row = { servicesOnline: number; openDatasets: number; kpiImprovement: number; servicesNewRetired: number };

function toDto(r: Row): Thresholds {
  return {
    SERVICES_ONLINE: r.servicesOnline,
    OPEN_DATASETS: r.openDatasets,
    KPI_IMPROVEMENT: r.kpiImprovement,
    SERVICES_NEW_RETIRED: r.servicesNewRetired,
  };
}

/** The thresholds in force (internal: no actor). The migration inserts row 1; the defaults only cover a database without it. */
export async function readThresholds(): Promise<Thresholds> {
  const row = await prisma.maturityThresholds.findUnique({ where: { id: 1 } });
  return row ? toDto(row) : { ...DEFAULT_THRESHOLDS };
}

/** The maturity thresholds (any signed-in user). */
export async function getThresholds(_actor: Actor): Promise<Thresholds> {
  return readThresholds();
}

export interface ThresholdSettings {
  thresholds: Thresholds;
  /** when and by whom they were last changed (null: never changed since the migration set the defaults) */
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}

/** The thresholds with who changed them last, for the settings page (ADMIN). */
export async function getThresholdSettings(actor: Actor): Promise<ThresholdSettings> {
  if (!can(actor, "settings.manage")) throw new ForbiddenError();
  const row = await prisma.maturityThresholds.findUnique({ where: { id: 1 } });
  if (!row) return { thresholds: { ...DEFAULT_THRESHOLDS }, updatedAt: null, updatedBy: null };
  const by = row.updatedById ? await prisma.user.findUnique({ where: { id: row.updatedById }, select: { id: true, name: true } }) : null;
  return { thresholds: toDto(row), updatedAt: row.updatedById ? row.updatedAt.toISOString() : null, updatedBy: by };
}

/** Replaces the thresholds whole (ADMIN), audited. */
export async function putThresholds(actor: Actor, input: unknown): Promise<Thresholds> {
  if (!can(actor, "settings.manage")) throw new ForbiddenError();
  const t = parseOrThrow(thresholdsInput, input);
  const data = {
    servicesOnline: t.SERVICES_ONLINE,
    openDatasets: t.OPEN_DATASETS,
    kpiImprovement: t.KPI_IMPROVEMENT,
    servicesNewRetired: t.SERVICES_NEW_RETIRED,
    updatedAt: new Date(),
    updatedById: actor.id,
  };
  return transaction(async (tx) => {
    const beforeRow = await tx.maturityThresholds.findUnique({ where: { id: 1 } });
    const before = beforeRow ? toDto(beforeRow) : { ...DEFAULT_THRESHOLDS };
    const after = toDto(await tx.maturityThresholds.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data }));
    await audit(tx, actor, { action: "update", entityType: "MaturityThresholds", entityId: "1", changes: diffFields(before, after, [...THRESHOLD_METRICS]) });
    return after;
  });
}
