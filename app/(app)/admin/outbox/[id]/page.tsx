import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getOutboxMail } from "@/lib/server/mail";
import { NotFoundError } from "@/lib/server/errors";
import { Card, PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

export default async function OutboxMailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "user.manage")) notFound();
  const { id } = await params;
  const t = await getTranslations("notifications.outbox");
  const locale = (await getLocale()) as Locale;
  const mail = await getOutboxMail(actor, id).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  return (
    <div className="space-y-4">
      <PageHeader title={mail.subject} description={`${t("to")}: ${mail.to} · ${formatDateTime(locale, mail.createdAt)} · ${mail.sentAt ? t("sent") : t("pending")}`} />
      <p>
        <Link href="/admin/outbox" className="text-sm font-medium underline">
          {t("back")}
        </Link>
      </p>
      <Card title={t("htmlPart")} id="html">
        {/* the mail's own HTML, sandboxed: no script, no same-origin access */}
        <iframe title={t("htmlPart")} sandbox="" srcDoc={mail.html} className="h-[32rem] w-full rounded border border-slate-200" data-testid="mail-html" />
      </Card>
      <Card title={t("textPart")} id="text">
        <pre className="whitespace-pre-wrap break-words font-sans text-sm text-slate-900" data-testid="mail-text">
          {mail.text}
        </pre>
      </Card>
    </div>
  );
}
