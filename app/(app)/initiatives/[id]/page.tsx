import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getInitiative, getInitiativeHistory } from "@/lib/server/initiatives";
import { listKpis } from "@/lib/server/kpis";
import { listOrganisations } from "@/lib/server/organisations";
import { getReference } from "@/lib/server/reference";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { currentPeriod, periodOf } from "@/lib/domain/periods";
import { formatDate, formatDateTime, formatVnd, localName } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { Card, PageHeader } from "@/components/ui/page-header";
import { LinkButton } from "@/components/ui/button";
import { ProgressBar, StatusBadge } from "@/components/initiatives/badges";
import { ArchiveButton } from "@/components/initiatives/archive-button";
import { HistoryTimeline } from "@/components/initiatives/history-timeline";
import { restructuringSummaries } from "@/lib/server/restructurings";
import { officialDate } from "@/components/restructuring/format";
import { KpiSection } from "@/components/initiatives/kpi-section";
import type { InitiativeHistoryEntryDto } from "@/lib/dto/initiatives";
import type { RefItemDto } from "@/lib/dto/reference";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const ini = await getInitiative(actor, id).catch(() => null);
  return { title: ini?.title ?? "—" };
}

async function InitiativePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const { id } = await params;
  const sp = await searchParams;
  const initiative = await getInitiative(actor, id).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const t = await getTranslations("initiatives");
  const tr = await getTranslations("restore");
  const locale = (await getLocale()) as Locale;
  const vi = locale === "vi";

  // the history follows the audit-log rule: another organisation's officer may not read it
  const [kpis, orgs, ref, history] = await Promise.all([
    listKpis(actor, id),
    listOrganisations(actor, { status: "all" }),
    getReference(),
    getInitiativeHistory(actor, id).catch((err): InitiativeHistoryEntryDto[] | null => {
      if (err instanceof ForbiddenError) return null;
      throw err;
    }),
  ]);

  const canWrite = can(actor, "initiative.write", initiative.organisationId) && !initiative.archivedAt;
  // restoring is a write of the same people (officers of the organisation, admins)
  const canRestore = can(actor, "initiative.write", initiative.organisationId) && !!initiative.archivedAt;
  const org = orgs.find((o) => o.id === initiative.organisationId);
  const parent = org?.parentId ? orgs.find((o) => o.id === org.parentId) : undefined;
  const stage = (level: number) => ref.maturityStages.find((s) => s.level === level)!;
  const moved = (history ?? []).flatMap((e) => (typeof e.changes?.restructuringId?.to === "string" ? [e.changes.restructuringId.to] : []));
  const names = {
    restructurings: await restructuringSummaries(moved),
    organisations: Object.fromEntries(orgs.map((o) => [o.id, localName(locale, o)])),
    codes: Object.fromEntries([...ref.buildingBlocks, ...ref.principles, ...ref.enablers].map((r) => [r.code, localName(locale, r)])),
    stages: Object.fromEntries(ref.maturityStages.map((s) => [String(s.level), vi ? s.nameVi : s.nameEn])),
  };

  // the restructurings that moved it are marked on its KPI charts, as on every trend chart
  const tfig = await getTranslations("figures");
  const kpiMarks = Object.values(names.restructurings)
    .sort((x, y) => x.effectiveDate.localeCompare(y.effectiveDate))
    .map((r) => ({
      period: periodOf(new Date(`${r.effectiveDate}T00:00:00Z`)),
      legend: tfig("restructuringsLegend", { list: `${officialDate(locale, r.effectiveDate)} — ${r.legalBasis}` }),
    }));

  const refList = (title: string, id: string, codes: string[], items: RefItemDto[]) => (
    <Card title={title} id={id}>
      {codes.length === 0 ? (
        <p className="text-sm text-slate-700">{t("detail.noneChosen")}</p>
      ) : (
        <ul className="space-y-3">
          {items
            .filter((i) => codes.includes(i.code))
            .map((i) => (
              <li key={i.code}>
                <p className="font-semibold text-slate-900">{localName(locale, i)}</p>
                <p className="text-sm text-slate-700">{vi ? i.descriptionVi : i.descriptionEn}</p>
              </li>
            ))}
        </ul>
      )}
    </Card>
  );

  const stageCard = (label: string, level: number) => {
    const s = stage(level);
    return (
      <div className="rounded-lg border border-slate-200 p-3">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</p>
        <p className="font-semibold text-slate-900">{t("stageOption", { level, name: vi ? s.nameVi : s.nameEn })}</p>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-xs text-slate-700">
          <dt>{t("detail.maturity")}</dt>
          <dd>{vi ? s.maturityVi : s.maturityEn}</dd>
          <dt>{t("detail.coreValue")}</dt>
          <dd>{vi ? s.coreValueVi : s.coreValueEn}</dd>
          <dt>{t("detail.serviceModel")}</dt>
          <dd>{vi ? s.serviceModelVi : s.serviceModelEn}</dd>
          <dt>{t("detail.platform")}</dt>
          <dd>{vi ? s.platformVi : s.platformEn}</dd>
          <dt>{t("detail.keyTechnology")}</dt>
          <dd>{vi ? s.keyTechnologyVi : s.keyTechnologyEn}</dd>
        </dl>
      </div>
    );
  };

  const spent = initiative.budgetPlanned && initiative.budgetSpent !== null ? Math.round((initiative.budgetSpent / initiative.budgetPlanned) * 100) : null;

  return (
    <div className="space-y-6">
      <PageHeader
        title={initiative.title}
        description={[names.organisations[initiative.organisationId], parent ? localName(locale, parent) : null].filter(Boolean).join(" · ")}
        actions={
          canWrite ? (
            <>
              <LinkButton href={`/initiatives/${initiative.id}/edit`}>{t("actions.edit")}</LinkButton>
              <ArchiveButton id={initiative.id} version={initiative.version} title={initiative.title} />
            </>
          ) : canRestore ? (
            <ArchiveButton mode="restore" id={initiative.id} version={initiative.version} title={initiative.title} />
          ) : undefined
        }
      />

      {sp.saved === "1" && (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="saved-notice">
          {t("detail.saved")}
        </p>
      )}
      {sp.restored === "1" && !initiative.archivedAt && (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="restored-notice">
          {tr("restored")}
        </p>
      )}
      {initiative.archivedAt && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="archived-notice">
          {t("detail.archived", { at: formatDateTime(locale, initiative.archivedAt) })}
        </p>
      )}

      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("detail.overview")} id="overview" className="lg:col-span-2">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-600">{t("fields.status")}</dt>
              <dd className="mt-0.5">
                <StatusBadge status={initiative.status} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("fields.progress")}</dt>
              <dd className="mt-1 max-w-xs">
                <ProgressBar value={initiative.progress} label={t("fields.progress")} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("fields.startDate")}</dt>
              <dd className="font-medium">{formatDate(locale, initiative.startDate)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("fields.endDate")}</dt>
              <dd className="font-medium">{formatDate(locale, initiative.endDate)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("fields.budgetPlanned")}</dt>
              <dd className="font-medium tabular-nums">{formatVnd(locale, initiative.budgetPlanned)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("fields.budgetSpent")}</dt>
              <dd className="font-medium tabular-nums">
                {formatVnd(locale, initiative.budgetSpent)}
                {spent !== null && <span className="ml-1 text-slate-600">({t("detail.spentShare", { percent: spent })})</span>}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("fields.externalRef")}</dt>
              <dd className="font-medium">{initiative.externalRef ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("fields.updatedAt")}</dt>
              <dd className="font-medium">{formatDateTime(locale, initiative.updatedAt)}</dd>
            </div>
          </dl>
          {initiative.description && (
            <div className="mt-4 border-t border-slate-200 pt-3">
              <h3 className="text-sm font-semibold text-slate-900">{t("fields.description")}</h3>
              <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{initiative.description}</p>
            </div>
          )}
        </Card>
        <Card title={t("detail.stages")} id="stages">
          <div className="space-y-3">
            {stageCard(t("fields.currentStage"), initiative.currentStage)}
            {initiative.targetStage !== initiative.currentStage && stageCard(t("fields.targetStage"), initiative.targetStage)}
            {initiative.targetStage === initiative.currentStage && <p className="text-sm text-slate-700">{t("detail.sameStage")}</p>}
          </div>
        </Card>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        {refList(t("fields.buildingBlocks"), "blocks", initiative.buildingBlocks, ref.buildingBlocks)}
        {refList(t("fields.principles"), "principles", initiative.principles, ref.principles)}
        {refList(t("fields.enablers"), "enablers", initiative.enablers, ref.enablers)}
      </div>

      <KpiSection initiativeId={initiative.id} kpis={kpis} canWrite={canWrite} currentPeriod={currentPeriod()} restructurings={kpiMarks} />

      <Card title={t("history.title")} id="history">
        {history ? <HistoryTimeline entries={history} names={names} /> : <p className="text-sm text-slate-700">{t("history.notAllowed")}</p>}
      </Card>
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/initiatives/[id]", InitiativePage);
