import { getLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { getOrganisationName } from "@/lib/server/organisations";
import { AppHeader } from "@/components/layout/app-header";
import type { Locale } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const locale = (await getLocale()) as Locale;
  const orgName = actor.organisationId ? await getOrganisationName(actor.organisationId, locale) : null;
  return (
    <>
      <AppHeader name={actor.name} role={actor.role} organisationName={orgName} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
