import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { getOrganisationName, listOrganisations } from "@/lib/server/organisations";
import { attention } from "@/lib/server/attention";
import { getReference } from "@/lib/server/reference";
import { getReportingCalendar } from "@/lib/server/reporting-calendar";
import { dueReportingPeriod } from "@/lib/server/reminders";
import { listReports } from "@/lib/server/reports";
import { DueDate } from "@/components/calendar/due-date";
import { quarterParts } from "@/components/reports/periods";
import { AttentionPanel } from "@/components/dashboard/sections";
import { refNames } from "@/components/dashboard/names";
import { defaultPeriod, readAll } from "@/components/dashboard/params";
import { localName } from "@/lib/i18n/format";
import { navFor } from "@/components/layout/nav-items";
import { Card, PageHeader } from "@/components/ui/page-header";
import type { Locale } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  // the national dashboard is leadership's home page
  if (actor.role === "LEADERSHIP") redirect("/dashboard");
  const t = await getTranslations();
  const locale = (await getLocale()) as Locale;
  const orgName = actor.organisationId ? await getOrganisationName(actor.organisationId, locale) : null;
  const intro = actor.role === "OFFICER" ? "home.officerIntro" : "home.adminIntro";
  // officers start from what needs their attention in their own organisation this quarter
  const officerAttention =
    actor.role === "OFFICER" && actor.organisationId
      ? await Promise.all([attention(actor, { period: defaultPeriod(), organisationId: actor.organisationId }), getReference(), listOrganisations(actor, { status: "all" })])
      : null;
  // the quarter that is due (the one the reporting page opens on: lib/server/reminders.ts) and its due date, for those
  // who report — the last quarter while its due date has not passed, or an admin has moved it later
  const [due] = actor.role === "OFFICER" || actor.role === "ADMIN" ? await getReportingCalendar(actor, { from: await dueReportingPeriod() }) : [];
  // returned reports come first on an officer's home: nothing to look for on the reporting page (issue 18)
  const returned = actor.role === "OFFICER" ? (await listReports(actor, { status: "REJECTED", pageSize: 20, sort: "-period" })).data : null;
  const tn = await getTranslations("notifications.home");
  return (
    <div>
      <PageHeader title={t("home.welcome", { name: actor.name })} description={t(intro)} />
      {returned && (
        <section aria-labelledby="home-returned-title" className="mb-4 rounded-xl border border-red-300 bg-red-50 p-4" data-testid="home-returned">
          <h2 id="home-returned-title" className="text-base font-semibold text-red-950">
            {tn("returnedTitle")}
          </h2>
          {returned.length === 0 ? (
            <p className="mt-1 text-sm text-slate-800">{tn("returnedEmpty")}</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {returned.map((r) => (
                <li key={r.id} className="flex flex-col gap-1 text-sm sm:flex-row sm:items-baseline sm:gap-3" data-testid={`returned-${r.metric}`}>
                  <span className="font-medium text-slate-900">
                    {tn("returnedItem", { metric: officerAttention ? localName(locale, officerAttention[1].metrics.find((m) => m.code === r.metric)) : r.metric, ...quarterParts(r.period) })}
                    {officerAttention && r.organisationId !== actor.organisationId ? ` · ${localName(locale, officerAttention[2].find((o) => o.id === r.organisationId))}` : ""}
                  </span>
                  {r.reviewComment && <span className="text-slate-800">“{r.reviewComment}”</span>}
                  <Link href={`/reports?organisationId=${r.organisationId}&period=${r.period}#metric-${r.metric}`} className="font-medium underline">
                    {tn("fix")}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {due && (
        <section aria-labelledby="home-due-title" className="mb-4 flex flex-wrap items-center gap-3" data-testid="home-due">
          <h2 id="home-due-title" className="text-base font-semibold text-slate-900">
            {t("calendar.due.homeTitle", { quarter: t("reports.quarter", quarterParts(due.period)) })}
          </h2>
          <DueDate dueDate={due.dueDate} testId="home-due-date" />
          <Link href={`/reports?period=${due.period}`} className="text-sm font-medium underline">
            {t("nav.reports")}
          </Link>
        </section>
      )}
      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="font-medium text-slate-600">{t("home.yourRole")}</dt>
              <dd data-testid="home-role" className="text-base font-semibold">
                {t(`roles.${actor.role}`)}
              </dd>
            </div>
            <div>
              <dt className="font-medium text-slate-600">{t("home.yourOrganisation")}</dt>
              <dd data-testid="home-organisation" className="text-base font-semibold">
                {orgName ?? t("home.noOrganisation")}
              </dd>
            </div>
          </dl>
        </Card>
        <Card title={t("home.quickLinks")} className="md:col-span-2" id="quick">
          <ul className="grid gap-2 sm:grid-cols-2">
            {navFor(actor.role)
              .filter((i) => i.href !== "/")
              .map((i) => (
                <li key={i.href}>
                  <Link href={i.href} className="block rounded-md border border-slate-200 px-3 py-2 font-medium hover:bg-brand-50">
                    {t(`nav.${i.key}`)}
                  </Link>
                </li>
              ))}
          </ul>
        </Card>
      </div>
      {officerAttention && (
        <div className="mt-6">
          <AttentionPanel
            attention={officerAttention[0]}
            allHref="/?all=attention#attention"
            showAll={readAll(await searchParams).has("attention")}
            locale={locale}
            names={refNames(locale, officerAttention[1])}
            orgName={(id) => {
              const o = officerAttention[2].find((x) => x.id === id);
              return o ? localName(locale, o) : id;
            }}
          />
        </div>
      )}
    </div>
  );
}
