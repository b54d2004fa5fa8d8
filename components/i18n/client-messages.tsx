/**
 * The providers that give client components their messages, and only those (lib/i18n/client-messages.ts says which
 * and why). Server components: they read the request's messages (lib/i18n/request.ts) and pass a part on.
 */
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { CLIENT_MESSAGES, pickMessages, type ClientMessagesScope } from "@/lib/i18n/client-messages";

/** Client components below get the messages of `scope`, instead of those of the provider above. */
export async function ClientMessages({ scope, children }: { scope: ClientMessagesScope; children: ReactNode }) {
  const messages = (await getMessages()) as Record<string, unknown>;
  return <NextIntlClientProvider messages={pickMessages(messages, CLIENT_MESSAGES[scope])}>{children}</NextIntlClientProvider>;
}

/**
 * A page whose client components get the messages listed under its route: `export default withClientMessages("/initiatives",
 * InitiativesPage)`. The route must be the page's own (lib/i18n/client-messages.test.ts checks it).
 */
export function withClientMessages<P extends object>(route: Exclude<ClientMessagesScope, "shell">, Page: (props: P) => ReactNode | Promise<ReactNode>) {
  function PageWithClientMessages(props: P) {
    return (
      <ClientMessages scope={route}>
        <Page {...props} />
      </ClientMessages>
    );
  }
  return PageWithClientMessages;
}
