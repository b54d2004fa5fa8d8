import "server-only";
import { prisma } from "./db";
import type { Actor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/config";

/** Remembers the signed-in person's language. */
export async function saveLocale(actor: Actor, locale: Locale): Promise<void> {
  await prisma.user.update({ where: { id: actor.id }, data: { locale } });
}
