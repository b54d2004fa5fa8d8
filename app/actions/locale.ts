"use server";

import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";
import { getActor } from "@/lib/auth/session";
import { saveLocale } from "@/lib/server/preferences";

/** Sets the UI language (a cookie, and the user's record when signed in). */
export async function setLocaleAction(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  const store = await cookies();
  store.set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: false });
  const actor = await getActor().catch(() => null);
  if (actor) await saveLocale(actor, locale).catch(() => {});
}
