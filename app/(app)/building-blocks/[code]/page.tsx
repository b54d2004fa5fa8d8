import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { buildingBlockDetail } from "@/lib/server/dashboard";
import { listInitiatives } from "@/lib/server/initiatives";
import { listOrganisations } from "@/lib/server/organisations";
import { getReference } from "@/lib/server/reference";
import { NotFoundError } from "@/lib/server/errors";
import { Badge, STATUS_TONE } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { SelectFilter } from "@/components/ui/field";
import { Card, PageHeader } from "@/components/ui/page-header";
import { FilterForm } from "@/components/dashboard/filter-form";
import type { Locale } from "@/lib/i18n/config";
import { formatNumber, formatPercent, localName } from "@/lib/i18n/format";
import { INITIATIVE_STATUSES, type InitiativeStatus } from "@/lib/domain/codes";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 20;
type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const { code } = await params;
  const locale = (await getLocale()) as Locale;
  const item = (await getReference()).buildingBlocks.find((b) => b.code === code);
  return item ? { title: localName(locale, item) } : {};
}

export default async function BuildingBlockPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const { code } = await params;
  const search = await searchParams;
  const t = await getTranslations("dashboard");
  const locale = (await getLocale()) as Locale;
  const ref = await getReference();
  const item = ref.buildingBlocks.find((b) => b.code === code);
  if (!item) notFound();

  const statusRaw = typeof search.status === "string" ? search.status : "";
  const status = (INITIATIVE_STATUSES as readonly string[]).includes(statusRaw)
    ? (statusRaw as InitiativeStatus)
    : undefined;
  const orgs = await listOrganisations(actor, { status: "all" });
  const orgRaw = typeof search.organisationId === "string" ? search.organisationId : "";
  const organisationId = orgs.some((o) => o.id === orgRaw) ? orgRaw : undefined;
  const pageRaw = Number(typeof search.page === "string" ? search.page : "1");
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 ? pageRaw : 1;

  let detail;
  try {
    detail = await buildingBlockDetail(actor, code);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  const list = await listInitiatives(actor, {
    buildingBlock: code,
    page: String(page),
    pageSize: String(PAGE_SIZE),
    sort: "-updatedAt",
    ...(status ? { status } : {}),
    ...(organisationId ? { organisationId } : {}),
  });
  const orgName = new Map(orgs.map((o) => [o.id, localName(locale, o)]));
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const href = (p: number) => {
    const q = new URLSearchParams();
    if (status) q.set("status", status);
    if (organisationId) q.set("organisationId", organisationId);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return `/building-blocks/${code}${s ? `?${s}` : ""}#list`;
  };

  return (
    <div className="space-y-6">
      <nav aria-label={t("org.breadcrumb")} className="no-print text-sm">
        <Link href="/building-blocks">← {t("blocks.title")}</Link>
      </nav>
      <PageHeader
        title={localName(locale, item)}
        description={locale === "vi" ? item.descriptionVi : item.descriptionEn}
      />

      <Card title={t("blocks.national")} id="national">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
          <div className="rounded-lg bg-slate-50 p-3">
            <dt className="text-xs font-medium text-slate-700">{t("initiatives.count")}</dt>
            <dd className="text-lg font-bold tabular-nums" data-testid="block-total">
              {formatNumber(locale, detail.count)}
            </dd>
          </div>
          <div className="rounded-lg bg-slate-50 p-3">
            <dt className="text-xs font-medium text-slate-700">{t("initiatives.averageProgress")}</dt>
            <dd className="text-lg font-bold tabular-nums">{formatPercent(locale, detail.averageProgress, 1)}</dd>
          </div>
          {INITIATIVE_STATUSES.map((s) => (
            <div key={s} className="rounded-lg bg-slate-50 p-3">
              <dt className="text-xs font-medium text-slate-700">{t(`status.${s}`)}</dt>
              <dd className="text-lg font-bold tabular-nums">{formatNumber(locale, detail.byStatus[s])}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <Card title={t("blocks.byOrganisation")} id="by-organisation">
        <p className="mb-2 text-sm text-slate-700">{t("blocks.byOrganisationIntro")}</p>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm" data-testid="block-organisations">
            <caption className="sr-only">{t("blocks.byOrganisation")}</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-2 py-1 font-semibold">
                  {t("ranking.organisation")}
                </th>
                <th scope="col" className="px-2 py-1 text-right font-semibold">
                  {t("blocks.total")}
                </th>
                {INITIATIVE_STATUSES.map((s) => (
                  <th key={s} scope="col" className="px-2 py-1 text-right font-semibold">
                    {t(`status.${s}`)}
                  </th>
                ))}
                <th scope="col" className="px-2 py-1 text-right font-semibold">
                  {t("initiatives.averageProgress")}
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.organisations.map((o) => (
                <tr key={o.organisationId} className="border-t border-slate-200">
                  <th scope="row" className="px-2 py-1 font-normal">
                    <Link href={`/organisations/${o.organisationId}`}>{localName(locale, o)}</Link>
                  </th>
                  <td className="px-2 py-1 text-right font-semibold tabular-nums">{o.count}</td>
                  {INITIATIVE_STATUSES.map((s) => (
                    <td key={s} className="px-2 py-1 text-right tabular-nums">
                      {o.byStatus[s]}
                    </td>
                  ))}
                  <td className="px-2 py-1 text-right tabular-nums">{formatPercent(locale, o.averageProgress, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card title={t("blocks.list", { n: list.total })} id="list">
        <FilterForm action={`/building-blocks/${code}`} label={t("blocks.filterLabel")} className="mb-4">
          <div className="flex flex-wrap items-end gap-3">
            <SelectFilter
              id="status"
              name="status"
              label={t("initiatives.status")}
              allLabel={t("blocks.allStatuses")}
              options={INITIATIVE_STATUSES.map((v) => ({ value: v, label: t(`status.${v}`) }))}
              defaultValue={status ?? ""}
            />
            <SelectFilter
              id="organisationId"
              name="organisationId"
              label={t("attention.filter")}
              allLabel={t("attention.allOrganisations")}
              options={orgs.map((o) => ({ value: o.id, label: localName(locale, o) }))}
              defaultValue={organisationId ?? ""}
            />
            <button type="submit" className={buttonClass("secondary")}>
              {t("controls.apply")}
            </button>
          </div>
        </FilterForm>
        {list.data.length === 0 ? (
          <p className="text-sm text-slate-700">{t("blocks.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm" data-testid="block-initiatives">
              <caption className="sr-only">{t("blocks.list", { n: list.total })}</caption>
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("org.initiative")}
                  </th>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("ranking.organisation")}
                  </th>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("initiatives.status")}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right font-semibold">
                    {t("org.progress")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((i) => (
                  <tr key={i.id} className="border-t border-slate-200 align-top">
                    <th scope="row" className="px-2 py-1 font-normal">
                      <Link href={`/initiatives/${i.id}`}>{i.title}</Link>
                    </th>
                    <td className="px-2 py-1">
                      <Link href={`/organisations/${i.organisationId}`}>
                        {orgName.get(i.organisationId) ?? i.organisationId}
                      </Link>
                    </td>
                    <td className="px-2 py-1">
                      <Badge tone={STATUS_TONE[i.status]}>{t(`status.${i.status}`)}</Badge>
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">{formatPercent(locale, i.progress, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 && (
          <nav
            aria-label={t("table.pagination")}
            className="no-print mt-3 flex flex-wrap items-center justify-between gap-2 text-sm"
          >
            <p className="text-slate-700">{t("table.pageStatus", { page, pages, n: list.total })}</p>
            <div className="flex gap-2">
              {page > 1 && (
                <Link className={buttonClass("secondary")} href={href(page - 1)} rel="prev">
                  {t("table.previous")}
                </Link>
              )}
              {page < pages && (
                <Link className={buttonClass("secondary")} href={href(page + 1)} rel="next">
                  {t("table.next")}
                </Link>
              )}
            </div>
          </nav>
        )}
      </Card>
    </div>
  );
}
