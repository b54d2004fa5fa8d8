import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getReportingCalendar, getReportingSettings } from "@/lib/server/reporting-calendar";
import { addQuarters } from "@/lib/domain/periods";
import { currentPeriodInVietnam } from "@/lib/domain/validity";
import { Card, PageHeader } from "@/components/ui/page-header";
import { CalendarScreen } from "@/components/calendar/calendar-screen";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("calendar");
  return { title: t("pageTitle") };
}

async function CalendarPage() {
  const actor = await requireActor();
  const t = await getTranslations("calendar");
  const tc = await getTranslations();
  if (!can(actor, "settings.manage")) {
    return (
      <div>
        <PageHeader title={t("pageTitle")} />
        <Card>
          <h2 className="text-base font-semibold">{tc("errors.forbiddenTitle")}</h2>
          <p className="text-sm text-slate-700" data-testid="not-allowed">
            {t("notAllowed")}
          </p>
        </Card>
      </div>
    );
  }
  // the year ahead and the year behind: the quarters an admin plans for or corrects
  const now = currentPeriodInVietnam();
  const from = addQuarters(now, -4);
  const to = addQuarters(now, 4);
  const [settings, entries] = await Promise.all([getReportingSettings(actor), getReportingCalendar(actor, { from, to })]);
  return (
    <div>
      <PageHeader title={t("pageTitle")} description={t("intro")} />
      <CalendarScreen settings={settings} entries={entries} from={from} to={to} />
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/admin/calendar", CalendarPage);
