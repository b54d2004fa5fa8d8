import "server-only";
import { prisma } from "./db";
import { NotFoundError } from "./errors";
import { nationalDashboard, organisationDashboard, rankingTable, type RankingRow } from "./dashboard";
import { agencyTable, dashboardTrendSet, type AgencyRow } from "./dashboard-screens";
import { latestClosedPeriod } from "./dashboard-sql";
import { attention } from "./attention";
import { getReference } from "./reference";
import { readBriefingSettings } from "./briefing-settings";
import type { Actor } from "@/lib/auth/permissions";
import { isId, parseOrThrow } from "@/lib/validation/common";
import { nationalBriefingQuery, organisationBriefingQuery, type BriefingSettings } from "@/lib/validation/briefing";
import type { MetricCode, OrganisationKind } from "@/lib/domain/codes";
import { periodEnd } from "@/lib/domain/periods";
import { todayInVietnam } from "@/lib/domain/validity";
import type { Locale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { renderBriefing } from "@/lib/briefing/document";
import type { AttentionDto, DashboardDto, OrganisationDashboardDto, TrendPointDto } from "@/lib/dto/dashboard";

/*
 * The leadership briefing (issue 19): the dashboards' own DTOs (lib/server/dashboard*.ts, attention.ts) put on A4.
 * Nothing here rolls figures up: every number printed is a field of those DTOs, so the PDF and the screens agree.
 */

interface Named {
  nameVi: string;
  nameEn: string;
}

export interface BriefingRestructuring {
  effectiveDate: string;
  legalBasis: string;
  successions: { from: Named; to: Named[] }[];
}

export interface BriefingData {
  locale: Locale;
  period: string;
  /** the day the PDF was made (Asia/Ho_Chi_Minh) */
  issuedOn: string;
  includeSubmitted: boolean;
  organisation: (Named & { id: string; code: string; kind: OrganisationKind }) | null;
  dashboard: DashboardDto | OrganisationDashboardDto;
  trend: TrendPointDto[];
  /** national: every ministry and province of the quarter; an organisation's briefing: its agencies */
  ranking: RankingRow[];
  agencies: AgencyRow[];
  /** who has not reported (compliance.missing grouped by body, in the order compliance gives) */
  notReported: (Named & { organisationId: string; metrics: MetricCode[] })[];
  attention: AttentionDto;
  restructurings: BriefingRestructuring[];
  signature: BriefingSettings;
  reference: {
    metrics: (Named & { code: string })[];
    stages: (Named & { level: number })[];
    blocks: (Named & { code: string })[];
  };
  /** every organisation named by the lists above */
  organisations: Record<string, Named>;
}

async function namesOf(ids: Iterable<string>): Promise<Record<string, Named>> {
  const list = [...new Set(ids)];
  if (!list.length) return {};
  const rows = await prisma.organisation.findMany({ where: { id: { in: list } }, select: { id: true, nameVi: true, nameEn: true } });
  return Object.fromEntries(rows.map((r) => [r.id, { nameVi: r.nameVi, nameEn: r.nameEn }]));
}

/** The restructurings effective within the quarter, each succession with its bodies (a few rows a year). */
async function restructuringsOf(period: string, touching: Set<string> | null) {
  const end = periodEnd(period);
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 3, 1));
  const rows = await prisma.restructuring.findMany({
    where: { effectiveDate: { gte: start, lt: end } },
    orderBy: [{ effectiveDate: "asc" }, { createdAt: "asc" }],
    include: { successions: { include: { successors: { orderBy: { position: "asc" } } }, orderBy: { id: "asc" } } },
  });
  return rows
    .map((r) => ({
      effectiveDate: r.effectiveDate.toISOString().slice(0, 10),
      legalBasis: r.legalBasis,
      successions: r.successions
        .map((s) => ({ fromId: s.fromId, toIds: s.successors.map((x) => x.organisationId) }))
        .filter((s) => !touching || touching.has(s.fromId) || s.toIds.some((t) => touching.has(t))),
    }))
    .filter((r) => r.successions.length > 0);
}

function groupMissing(missing: { organisationId: string; metric: MetricCode }[]) {
  const out = new Map<string, MetricCode[]>();
  for (const m of missing) {
    const list = out.get(m.organisationId);
    if (list) list.push(m.metric);
    else out.set(m.organisationId, [m.metric]);
  }
  return out;
}

async function assemble(
  base: Omit<BriefingData, "notReported" | "restructurings" | "signature" | "reference" | "organisations" | "issuedOn">,
  restructurings: Awaited<ReturnType<typeof restructuringsOf>>,
): Promise<BriefingData> {
  const missing = groupMissing(base.dashboard.compliance.missing);
  const ids = [
    ...missing.keys(),
    ...base.attention.overdueReports.map((r) => r.organisationId),
    ...base.attention.kpis.map((k) => k.organisationId),
    ...base.attention.staleInitiatives.map((i) => i.organisationId),
    ...base.attention.overdueInitiatives.map((i) => i.organisationId),
    ...base.attention.targets.flatMap((t) => (t.organisationId ? [t.organisationId] : [])),
    ...restructurings.flatMap((r) => r.successions.flatMap((s) => [s.fromId, ...s.toIds])),
  ];
  const [organisations, signature, ref] = await Promise.all([namesOf(ids), readBriefingSettings(), getReference()]);
  const named = (id: string): Named => organisations[id] ?? { nameVi: id, nameEn: id };
  return {
    ...base,
    issuedOn: todayInVietnam(),
    notReported: [...missing].map(([organisationId, metrics]) => ({ organisationId, ...named(organisationId), metrics })),
    restructurings: restructurings.map((r) => ({
      effectiveDate: r.effectiveDate,
      legalBasis: r.legalBasis,
      successions: r.successions.map((s) => ({ from: named(s.fromId), to: s.toIds.map(named) })),
    })),
    signature,
    reference: {
      metrics: ref.metrics.map((m) => ({ code: m.code, nameVi: m.nameVi, nameEn: m.nameEn })),
      stages: ref.maturityStages.map((s) => ({ level: s.level, nameVi: s.nameVi, nameEn: s.nameEn })),
      blocks: ref.buildingBlocks.map((b) => ({ code: b.code, nameVi: b.nameVi, nameEn: b.nameEn })),
    },
    organisations,
  };
}

/** What the national briefing shows (any signed-in user, as the national dashboard). */
export async function nationalBriefingData(actor: Actor, query: unknown): Promise<BriefingData> {
  const q = parseOrThrow(nationalBriefingQuery, query);
  const period = q.period ?? (await latestClosedPeriod());
  const [dashboard, trend, ranking, needs, restructurings] = await Promise.all([
    nationalDashboard(actor, { period, includeSubmitted: String(q.includeSubmitted) }),
    dashboardTrendSet(actor, { to: period, includeSubmitted: q.includeSubmitted }),
    rankingTable(actor, period, q.includeSubmitted),
    attention(actor, { period }),
    restructuringsOf(period, null),
  ]);
  return assemble(
    { locale: q.lang, period, includeSubmitted: q.includeSubmitted, organisation: null, dashboard, trend: trend.points, ranking, agencies: [], attention: needs },
    restructurings,
  );
}

/** What an organisation's briefing shows (any signed-in user, as the organisation dashboard); unknown id → 404. */
export async function organisationBriefingData(actor: Actor, id: string, query: unknown): Promise<BriefingData> {
  const q = parseOrThrow(organisationBriefingQuery, query);
  const org = isId(id) ? await prisma.organisation.findUnique({ where: { id }, select: { id: true, code: true, nameVi: true, nameEn: true, kind: true } }) : null;
  if (!org) throw new NotFoundError("Organisation");
  const period = q.period ?? (await latestClosedPeriod());
  const flags = { period, includeSubmitted: String(q.includeSubmitted), basis: q.basis };
  const [dashboard, trend, agencies, needs] = await Promise.all([
    organisationDashboard(actor, id, flags),
    dashboardTrendSet(actor, { to: period, includeSubmitted: q.includeSubmitted, organisationId: id, basis: q.basis }),
    org.kind === "AGENCY" ? Promise.resolve([]) : agencyTable(actor, id, period, q.includeSubmitted),
    attention(actor, { period, organisationId: id }),
  ]);
  const restructurings = await restructuringsOf(period, new Set([id, ...dashboard.lineage]));
  return assemble(
    {
      locale: q.lang,
      period,
      includeSubmitted: q.includeSubmitted,
      organisation: { ...org, kind: org.kind as OrganisationKind },
      dashboard,
      trend: trend.points,
      ranking: [],
      agencies,
      attention: needs,
    },
    restructurings,
  );
}

/** The PDF of a briefing. */
export async function briefingPdf(data: BriefingData): Promise<Buffer> {
  return renderBriefing(data, await loadMessages(data.locale));
}

/** A file name for the download: briefing-2026-Q3.pdf, briefing-<code>-2026-Q3.pdf. */
export function briefingFileName(data: BriefingData): string {
  const code = data.organisation ? `-${data.organisation.code.replace(/[^A-Za-z0-9_-]/g, "")}` : "";
  return `briefing${code}-${data.period}.pdf`;
}
