import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listRestructurings } from "@/lib/server/restructurings";
import { listOrganisations } from "@/lib/server/organisations";
import { PageHeader } from "@/components/ui/page-header";
import { LinkButton } from "@/components/ui/button";
import { Pager } from "@/components/admin/pager";
import { officialDate } from "@/components/restructuring/format";
import { localName } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("restructuring");
  return { title: t("title") };
}

export default async function RestructuringsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations("restructuring");
  const locale = (await getLocale()) as Locale;
  const sp = await searchParams;
  const page = /^\d{1,4}$/.test(sp.page ?? "") && Number(sp.page) >= 1 ? sp.page! : "1";
  const [list, orgs] = await Promise.all([listRestructurings(actor, { page, pageSize: "20" }), listOrganisations(actor, { status: "all" })]);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const link = (id: string) => {
    const o = byId.get(id);
    return (
      <Link href={`/organisations/${id}`} className="text-brand-700 underline">
        {o ? localName(locale, o) : id}
      </Link>
    );
  };
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={can(actor, "organisation.manage") ? <LinkButton href="/restructurings/new">{t("new")}</LinkButton> : undefined}
      />
      {list.data.length === 0 ? (
        <p className="text-sm text-slate-700">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm" data-testid="restructurings">
            <caption className="sr-only">{t("listCaption")}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">{t("col.date")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("col.basis")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("col.changes")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {list.data.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap px-3 py-2 font-medium text-slate-900">{officialDate(locale, r.effectiveDate)}</td>
                  <td className="px-3 py-2">
                    <div>{r.legalBasis}</div>
                    {r.note && <div className="mt-1 max-w-xs text-slate-700">{r.note}</div>}
                  </td>
                  <td className="px-3 py-2">
                    <ul className="space-y-1">
                      {r.successions.map((s) => (
                        <li key={s.fromId}>
                          {link(s.fromId)} →{" "}
                          {s.toIds.map((id, i) => (
                            <span key={id}>
                              {i > 0 && ", "}
                              {link(id)}
                            </span>
                          ))}{" "}
                          <span className="text-slate-700">
                            ({s.historyTo ? t("historyTo", { name: byId.get(s.historyTo) ? localName(locale, byId.get(s.historyTo)!) : s.historyTo }) : t("noHistory")})
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={list.page} pageSize={list.pageSize} total={list.total} params={{}} basePath="/restructurings" />
    </div>
  );
}
