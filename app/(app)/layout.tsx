import { getLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { getOrganisationName } from "@/lib/server/organisations";
import { unreadCount } from "@/lib/server/notifications";
import { isDatabaseUnavailable } from "@/lib/server/errors";
import { AppHeader } from "@/components/layout/app-header";
import { Unavailable } from "@/components/layout/unavailable";
import type { Locale } from "@/lib/i18n/config";
import type { Actor } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  let actor: Actor;
  let orgName: string | null = null;
  let unread = 0;
  try {
    actor = await requireActor();
    const locale = (await getLocale()) as Locale;
    [orgName, unread] = await Promise.all([actor.organisationId ? getOrganisationName(actor.organisationId, locale) : null, unreadCount(actor)]);
  } catch (err) {
    // a database outage is a clear message, not a crash; anything else (incl. the login redirect) goes on up
    if (isDatabaseUnavailable(err)) return <Unavailable />;
    throw err;
  }
  return (
    <>
      <AppHeader name={actor.name} role={actor.role} organisationName={orgName} unread={unread} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
