/**
 * The one place the UI turns error details into words: a detail's machine `code` (lib/errors.ts VALIDATION_CODES)
 * and its `params` through next-intl's "validation" namespace (messages/<locale>/validation.json). The same for the
 * server's details and for the shared zod schema run in the browser (lib/validation issuesToDetails), so a field
 * reads the same whichever side caught the problem. The English `message` is never shown.
 */
import { useCallback } from "react";
import { useTranslations } from "next-intl";
import type { z } from "zod";
import { isValidationCode, type DetailParams } from "@/lib/errors";
import { issuesToDetails } from "@/lib/validation/common";

export type DetailLike = { path: string; code?: string; params?: DetailParams };
type Translate = ((key: string, values?: Record<string, string | number>) => string) & { has?: (key: string) => boolean };

/** ICU values: lists joined, booleans as "true"/"false" (for `{inclusive, select, …}`). */
function icuValues(params: DetailParams | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) out[k] = Array.isArray(v) ? v.join(", ") : typeof v === "boolean" ? String(v) : v;
  return out;
}

/**
 * The text of one detail with `t` scoped to "validation": `fields.<field>.<code>` where a field says it better
 * ("choose at least one building block" rather than "choose at least one"), else `<code>`; an unknown code reads as
 * "not valid".
 */
export function detailText(t: Translate, d: DetailLike, at = 0): string {
  const code = isValidationCode(d.code) ? d.code : "invalid";
  const special = `fields.${d.path.split(".")[at]}.${code}`;
  return t(t.has?.(special) ? special : code, icuValues(d.params));
}

/**
 * The texts of details by field, each text once. A field is the path's first segment, or its first `depth` segments
 * for a body whose fields sit in a list ("0.baseline" of PUT /national-targets is the first row's baseline).
 */
export function fieldTexts(t: Translate, details: readonly DetailLike[], skip: readonly string[] = ["version"], depth = 1): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of details) {
    const field = d.path.split(".").slice(0, depth).join(".");
    if (skip.includes(field)) continue;
    const text = detailText(t, d, depth - 1);
    const list = (out[field] ??= []);
    if (!list.includes(text)) list.push(text);
  }
  return out;
}

/** For client components: `text(detail)`, `fields(details)` and `issues(zodError, input)` in the UI's language. */
export function useErrorText() {
  const t = useTranslations("validation") as unknown as Translate;
  const text = useCallback((d: DetailLike) => detailText(t, d), [t]);
  const fields = useCallback((details: readonly DetailLike[], skip?: readonly string[], depth?: number) => fieldTexts(t, details, skip, depth), [t]);
  const issues = useCallback((error: z.ZodError, input: unknown, depth?: number) => fieldTexts(t, issuesToDetails(error, input), undefined, depth), [t]);
  return { text, fields, issues };
}
