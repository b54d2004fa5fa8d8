import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listOutbox } from "@/lib/server/mail";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { Pager } from "@/components/admin/pager";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("notifications.outbox");
  return { title: t("title") };
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "user.manage")) notFound();
  const t = await getTranslations("notifications.outbox");
  const locale = (await getLocale()) as Locale;
  const sp = await searchParams;
  const page = typeof sp.page === "string" && /^[1-9]\d{0,5}$/.test(sp.page) ? Number(sp.page) : 1;
  const list = await listOutbox(actor, { page, pageSize: 50 });
  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} />
      {list.data.length === 0 ? (
        <p className="text-sm text-slate-800">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="outbox-table">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">{t("subject")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("to")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("createdAt")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <Link href={`/admin/outbox/${m.id}`} className="font-medium underline">
                      {m.subject}
                    </Link>
                  </td>
                  <td className="break-all px-3 py-2">{m.to}</td>
                  <td className="whitespace-nowrap px-3 py-2">{formatDateTime(locale, m.createdAt)}</td>
                  <td className="px-3 py-2">
                    <Badge tone={m.sentAt ? "green" : "amber"}>{m.sentAt ? t("sent") : t("pending")}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-4">
        <Pager page={list.page} pageSize={list.pageSize} total={list.total} params={{}} basePath="/admin/outbox" />
      </div>
    </div>
  );
}
