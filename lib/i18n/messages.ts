/**
 * The messages of one language. `core.json` holds the shared keys at the top level; every other file is one
 * namespace named after the file (messages/vi/initiatives.json → t("initiatives.…")), so features do not share a file.
 */
import type { Locale } from "./config";

export const NAMESPACES = ["initiatives", "reports", "dashboard", "admin", "numbers", "calendar", "warnings", "restore", "restructuring", "spreadsheets", "figures", "password", "validation", "validity", "notifications", "briefing", "lists", "forms"] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const core = (await import(`../../messages/${locale}/core.json`)).default as Record<string, unknown>;
  const parts = await Promise.all(NAMESPACES.map(async (ns) => [ns, (await import(`../../messages/${locale}/${ns}.json`)).default] as const));
  return { ...core, ...Object.fromEntries(parts) };
}
