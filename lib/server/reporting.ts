import "server-only";
import { z } from "zod";
import { prisma } from "./db";
import { NotFoundError } from "./errors";
import { can, ruleFor, type Actor } from "@/lib/auth/permissions";
import { isId, parseOrThrow, reportablePeriod } from "@/lib/validation/common";
import { rate } from "@/lib/domain/rating";
import { periodIndex } from "@/lib/domain/periods";
import type { OrganisationKind } from "@/lib/domain/codes";
import type { OrganisationKpiDto } from "@/lib/dto/kpis";

export interface ReportingOrganisation {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
  parentId: string | null;
}

/**
 * The organisations whose quarterly reports the caller may write: an officer's own organisation and its agencies,
 * every organisation for an admin, none for leadership. Parents before their agencies, then by name.
 */
export async function reportingOrganisations(actor: Actor): Promise<ReportingOrganisation[]> {
  const rule = ruleFor(actor.role, "report.write");
  if (rule === "none") return [];
  const rows = await prisma.organisation.findMany({
    where: rule === "any" ? {} : { id: { in: actor.scope } },
    select: { id: true, code: true, nameVi: true, nameEn: true, kind: true, parentId: true },
    orderBy: [{ kind: "asc" }, { nameVi: "asc" }],
  });
  return rows;
}

export interface OrganisationKpis {
  organisationId: string;
  period: string;
  /** may the caller set values (whoever may write the organisation's initiatives) */
  canEdit: boolean;
  kpis: OrganisationKpiDto[];
}

/**
 * The KPIs of an organisation's initiatives that are not archived (any signed-in user: KPIs are as public as
 * initiatives), each with its value for `period` and its current rating, for the quarterly reporting screen.
 */
export async function organisationKpis(actor: Actor, organisationId: string, period: string): Promise<OrganisationKpis> {
  const p = parseOrThrow(z.strictObject({ period: reportablePeriod }), { period }).period;
  if (!isId(organisationId)) throw new NotFoundError("Organisation");
  const org = await prisma.organisation.findUnique({ where: { id: organisationId }, select: { id: true } });
  if (!org) throw new NotFoundError("Organisation");
  const rows = await prisma.kpi.findMany({
    where: { initiative: { organisationId, archivedAt: null } },
    select: {
      id: true,
      version: true,
      name: true,
      unit: true,
      direction: true,
      baseline: true,
      baselinePeriod: true,
      target: true,
      targetPeriod: true,
      initiative: { select: { id: true, title: true } },
      values: { select: { period: true, value: true }, orderBy: { period: "asc" } },
    },
    orderBy: [{ initiative: { title: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
  });
  const pi = periodIndex(p)!;
  return {
    organisationId,
    period: p,
    canEdit: can(actor, "initiative.write", organisationId),
    kpis: rows.map(({ values, ...k }) => ({
      ...k,
      value: values.find((v) => v.period === p)?.value ?? null,
      rating: rate(k, values),
      periodOpen: pi > periodIndex(k.baselinePeriod)!,
    })),
  };
}
