import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { listNotifications } from "@/lib/server/notifications";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/admin/pager";
import { NotificationList } from "@/components/notifications/notification-list";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("notifications");
  return { title: t("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

async function NotificationsPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor();
  const t = await getTranslations("notifications");
  const locale = (await getLocale()) as Locale;
  const sp = await searchParams;
  const unread = sp.unread === "true";
  const page = typeof sp.page === "string" && /^[1-9]\d{0,5}$/.test(sp.page) ? Number(sp.page) : 1;
  const list = await listNotifications(actor, { page, pageSize: 20, ...(unread ? { unread: "true" } : {}) }, locale);
  const tab = (on: boolean, href: string, label: string) => (
    <Link
      href={href}
      aria-current={on ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium no-underline ${on ? "bg-brand-700 text-white" : "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100"}`}
    >
      {label}
    </Link>
  );
  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} />
      <nav aria-label={t("filterLabel")} className="mb-4 flex gap-2">
        {tab(!unread, "/notifications", t("filterAll"))}
        {tab(unread, "/notifications?unread=true", t("filterUnread"))}
      </nav>
      <NotificationList
        items={list.data.map((n) => ({ ...n, at: formatDateTime(locale, n.createdAt) }))}
        empty={unread ? t("emptyUnread") : t("empty")}
      />
      <div className="mt-4">
        <Pager page={list.page} pageSize={list.pageSize} total={list.total} params={unread ? { unread: "true" } : {}} basePath="/notifications" />
      </div>
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/notifications", NotificationsPage);
