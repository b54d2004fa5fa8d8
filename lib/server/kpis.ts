import "server-only";
import { prisma } from "./db";
import { transaction, type Tx } from "./tx";
import { requireInForceFor } from "./validity";
import { audit, createdFields, diffFields } from "./audit";
import { ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError, VersionConflictError } from "./errors";
import { can, type Actor } from "@/lib/auth/permissions";
import { isId, issueToDetail, parseOrThrow, period as periodSchema } from "@/lib/validation/common";
import type { ErrorDetail } from "@/lib/errors";
import { kpiCreateInput, kpiGoalIssues, kpiUpdateInput, kpiValueInput, versionQuery } from "@/lib/validation/kpis";
import { rate } from "@/lib/domain/rating";
import { currentPeriod, periodIndex } from "@/lib/domain/periods";
import type { KpiDirection } from "@/lib/domain/codes";
import type { KpiDto, KpiValueDto } from "@/lib/dto/kpis";

const select = {
  id: true,
  initiativeId: true,
  name: true,
  unit: true,
  direction: true,
  baseline: true,
  baselinePeriod: true,
  target: true,
  targetPeriod: true,
  version: true,
  values: { select: { period: true, value: true }, orderBy: { period: "asc" } },
} as const;

type KpiRow = {
  id: string;
  initiativeId: string;
  name: string;
  unit: string;
  direction: KpiDirection;
  baseline: number;
  baselinePeriod: string;
  target: number;
  targetPeriod: string;
  version: number;
  values: KpiValueDto[];
};

const FIELDS = ["name", "unit", "direction", "baseline", "baselinePeriod", "target", "targetPeriod"];

function toDto(k: KpiRow): KpiDto {
  // periods are CHAR(7): always exactly "YYYY-Qn", so string order is time order
  const values = k.values.map((v) => ({ period: v.period, value: v.value }));
  return {
    id: k.id,
    initiativeId: k.initiativeId,
    name: k.name,
    unit: k.unit,
    direction: k.direction,
    baseline: k.baseline,
    baselinePeriod: k.baselinePeriod,
    target: k.target,
    targetPeriod: k.targetPeriod,
    version: k.version,
    values,
    rating: rate(k, values),
  };
}

type Db = Pick<Tx, "initiative">;

/** The initiative a KPI hangs on (archived ones included: their KPIs stay readable). */
async function findInitiative(db: Db, initiativeId: string) {
  const init = isId(initiativeId)
    ? await db.initiative.findUnique({ where: { id: initiativeId }, select: { id: true, organisationId: true, archivedAt: true } })
    : null;
  if (!init) throw new NotFoundError("Initiative");
  return init;
}

/** Who may change an initiative's KPIs: whoever may write the initiative; an archived one is read-only. */
function authorise(actor: Actor, init: { organisationId: string; archivedAt: Date | null }) {
  if (!can(actor, "initiative.write", init.organisationId)) throw new ForbiddenError();
  if (init.archivedAt) throw new InvalidTransitionError("The initiative is archived; its KPIs can no longer be changed");
}

/** The KPI row locked for this transaction (writes on one KPI and its values run one after another). */
async function lockKpi(tx: Tx, id: string) {
  if (!isId(id)) throw new NotFoundError("KPI");
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM kpis WHERE id = ${id}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new NotFoundError("KPI");
  return tx.kpi.findUniqueOrThrow({ where: { id }, select });
}

/** The KPIs of an initiative with their values and ratings (any signed-in user; archived initiatives too). */
export async function listKpis(_actor: Actor, initiativeId: string): Promise<KpiDto[]> {
  await findInitiative(prisma, initiativeId);
  const rows = await prisma.kpi.findMany({ where: { initiativeId }, select, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toDto);
}

export async function getKpi(_actor: Actor, id: string): Promise<KpiDto> {
  const k = isId(id) ? await prisma.kpi.findUnique({ where: { id }, select }) : null;
  if (!k) throw new NotFoundError("KPI");
  return toDto(k);
}

/** Adds a KPI to an initiative (who may write the initiative), audited. */
export async function createKpi(actor: Actor, initiativeId: string, input: unknown): Promise<KpiDto> {
  return transaction(async (tx) => {
    const init = await findInitiative(tx, initiativeId);
    authorise(actor, init);
    const data = parseOrThrow(kpiCreateInput, input);
    const k = await tx.kpi.create({ data: { ...data, initiativeId: init.id }, select });
    await audit(tx, actor, { action: "create", entityType: "Kpi", entityId: k.id, organisationId: init.organisationId, changes: createdFields(k, FIELDS) });
    return toDto(k);
  });
}

/** Changes a KPI, checking its version; the cross-field rules are judged on the KPI as it would become. */
export async function updateKpi(actor: Actor, id: string, input: unknown): Promise<KpiDto> {
  return transaction(async (tx) => {
    const before = await lockKpi(tx, id);
    const init = await findInitiative(tx, before.initiativeId);
    authorise(actor, init);
    const { version, ...patch } = parseOrThrow(kpiUpdateInput, input);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const merged = { ...before, ...changes };
    const issues = kpiGoalIssues(merged, {
      value: "target" in changes || !("baseline" in changes) ? "target" : "baseline",
      period: "targetPeriod" in changes || !("baselinePeriod" in changes) ? "targetPeriod" : "baselinePeriod",
    });
    if (issues.length) throw new ValidationError(issues);
    const updated = await tx.kpi.updateMany({ where: { id: before.id, version }, data: { ...changes, version: { increment: 1 }, updatedAt: new Date() } });
    if (updated.count !== 1) throw new VersionConflictError(before.version);
    const after = await tx.kpi.findUniqueOrThrow({ where: { id: before.id }, select });
    await audit(tx, actor, { action: "update", entityType: "Kpi", entityId: before.id, organisationId: init.organisationId, changes: diffFields(before, after, FIELDS) });
    return toDto(after);
  });
}

/** Deletes a KPI and its values (`?version=N` required), audited. */
export async function deleteKpi(actor: Actor, id: string, version: unknown): Promise<void> {
  await transaction(async (tx) => {
    const before = await lockKpi(tx, id);
    const init = await findInitiative(tx, before.initiativeId);
    authorise(actor, init);
    const q = parseOrThrow(versionQuery, { version: version ?? undefined });
    if (before.version !== q.version) throw new VersionConflictError(before.version);
    await tx.kpi.delete({ where: { id: before.id } });
    const changes = diffFields(before, {}, FIELDS);
    if (before.values.length) changes.values = { from: before.values.map((v) => ({ period: v.period, value: v.value })), to: null };
    await audit(tx, actor, { action: "delete", entityType: "Kpi", entityId: before.id, organisationId: init.organisationId, changes });
  });
}

/** The path segment `{period}` skips the body schemas: the same rule as the `period` schema (null when it is fine). */
function periodIssue(p: string): ErrorDetail | null {
  const r = periodSchema.safeParse(p);
  if (r.success) return null;
  const i = r.error.issues[0];
  return i ? { ...issueToDetail(i), path: "period" } : { path: "period", message: "not a valid period", code: "invalid_format", params: { format: "period" } };
}

function checkValuePeriod(period: string, baselinePeriod: string, now: Date): void {
  const bad = periodIssue(period);
  if (bad) throw new ValidationError([bad]);
  const q = periodIndex(period)!;
  if (q <= periodIndex(baselinePeriod)!)
    throw new ValidationError([{ path: "period", message: `must be after the baseline period ${baselinePeriod}`, code: "period_not_after_baseline", params: { baselinePeriod } }]);
  if (q > periodIndex(currentPeriod(now))!) throw new ValidationError([{ path: "period", message: "must not be after the current quarter", code: "period_in_future" }]);
}

/** Sets or replaces one quarter's value; the KPI's version goes up by one. Answers the KPI with its new rating. */
export async function putKpiValue(actor: Actor, kpiId: string, period: string, input: unknown, now: Date = new Date()): Promise<KpiDto> {
  return transaction(async (tx) => {
    const before = await lockKpi(tx, kpiId);
    const init = await findInitiative(tx, before.initiativeId);
    authorise(actor, init);
    const { value } = parseOrThrow(kpiValueInput, input);
    checkValuePeriod(period, before.baselinePeriod, now);
    await requireInForceFor(tx, init.organisationId, period);
    const old = before.values.find((v) => v.period === period);
    await tx.kpiValue.upsert({ where: { kpiId_period: { kpiId: before.id, period } }, create: { kpiId: before.id, period, value }, update: { value } });
    await tx.kpi.update({ where: { id: before.id }, data: { version: { increment: 1 }, updatedAt: new Date() } });
    await audit(tx, actor, {
      action: old ? "update-value" : "create-value",
      entityType: "Kpi",
      entityId: before.id,
      organisationId: init.organisationId,
      changes: { [`values.${period}`]: { from: old?.value ?? null, to: value } },
    });
    return toDto(await tx.kpi.findUniqueOrThrow({ where: { id: before.id }, select }));
  });
}

/** Removes one quarter's value (404 when there is none); the KPI's version goes up by one. */
export async function deleteKpiValue(actor: Actor, kpiId: string, period: string): Promise<void> {
  await transaction(async (tx) => {
    const before = await lockKpi(tx, kpiId);
    const init = await findInitiative(tx, before.initiativeId);
    authorise(actor, init);
    const bad = periodIssue(period);
    if (bad) throw new ValidationError([bad]);
    const old = before.values.find((v) => v.period === period);
    if (!old) throw new NotFoundError("KPI value");
    await tx.kpiValue.delete({ where: { kpiId_period: { kpiId: before.id, period } } });
    await tx.kpi.update({ where: { id: before.id }, data: { version: { increment: 1 }, updatedAt: new Date() } });
    await audit(tx, actor, {
      action: "delete-value",
      entityType: "Kpi",
      entityId: before.id,
      organisationId: init.organisationId,
      changes: { [`values.${period}`]: { from: old.value, to: null } },
    });
  });
}
