"use client";

/**
 * The one way a form of the UI writes through the API (issue 14 point 5): react-hook-form over the SAME zod schema the
 * route handler parses (lib/validation/*), run on the body the API would get, so the browser refuses exactly what the
 * server would. Texts come from the issues' machine codes (lib/api-client/error-text.ts), never from the schema's
 * English messages; the server's own details (a duplicate code, a rule only the database knows) land on their fields the
 * same way, and the first failing field in the form's order gets the focus. While the form has unsaved changes,
 * leaving the page (or closing the dialog it sits in) asks first (./leave-warning.ts).
 */
import { useCallback, useState } from "react";
import { useTranslations } from "next-intl";
import { useForm, type DefaultValues, type FieldErrors, type FieldValues, type Path, type Resolver, type UseFormReturn } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import type { ApiFailure } from "@/lib/api-client";
import { useErrorText } from "@/lib/api-client/error-text";
import { useDialogGuard, useLeaveWarning } from "./leave-warning";

/** Texts by field name. */
export type FieldTexts = Record<string, string[]>;

/** Texts by field as react-hook-form errors (one message per field, the texts joined); `field` renames an API path. */
export function asFieldErrors<V extends FieldValues>(texts: FieldTexts, field: (apiField: string) => string | null = (f) => f): FieldErrors<V> {
  const out: Record<string, unknown> = {};
  for (const [k, m] of Object.entries(texts)) {
    const name = field(k);
    if (!name || !m.length) continue;
    // a dotted name ("SERVICES_ONLINE.value") is nested, as react-hook-form reads its errors
    const parts = name.split(".");
    let at = out;
    for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[parts[parts.length - 1]] = { type: "validation", message: m.join(" ") };
  }
  return out as FieldErrors<V>;
}

/** Merges texts by field (each text once). */
export function mergeTexts(...all: FieldTexts[]): FieldTexts {
  const out: FieldTexts = {};
  for (const texts of all) for (const [k, m] of Object.entries(texts)) for (const s of m) if (!(out[k] ??= []).includes(s)) out[k].push(s);
  return out;
}

export interface ApiFormOptions<V extends FieldValues, S extends z.ZodType> {
  /** the body schema of the endpoint this form calls (the one its handler parses) */
  schema: S;
  /** the form's values as the request body (numbers read in the UI's language, blanks as null, …) */
  toBody: (values: V) => unknown;
  defaultValues: DefaultValues<V>;
  /** the fields top to bottom: the first failing one gets the focus */
  order: readonly Path<V>[];
  /** problems only the browser can see (a number written the other language's way): shown instead of the schema's for that field */
  extra?: (values: V) => FieldTexts;
  /** the form field an API field belongs to, or null for none (default: the same name) */
  field?: (apiField: string) => string | null;
  /** how many segments of a detail's path name its API field (default 1; 2 for a body that is a list: "0.baseline") */
  depth?: number;
}

export type ApiForm<V extends FieldValues, S extends z.ZodType> = UseFormReturn<V> & {
  /** unsaved changes (and no successful save since) */
  dirty: boolean;
  /** the failed save's answer, for the form's own message (version conflict, forbidden, …) */
  failure: ApiFailure | null;
  /**
   * `onSubmit` of the <form>: checks with the schema, then `save(parsed body, values)`. A failure it returns is shown
   * (fields by code, focus); on success the form starts again from the saved values, or from `{ values }` it returns
   * (what the server answered), so it is not dirty any more.
   */
  submit: (save: (body: z.output<S>, values: V) => Promise<ApiFailure | { values: V } | void>) => (e?: React.BaseSyntheticEvent) => Promise<void>;
  /** puts a failure's field details on their fields (by code), focuses the first; true if any field got one */
  showFailure: (failure: ApiFailure) => boolean;
  /** for a way out the form offers itself (reload after a conflict): leaves without asking */
  leave: (go: () => void) => void;
  /** a label of a field's error, or undefined */
  fieldError: (name: Path<V>) => string | undefined;
};

export function useApiForm<V extends FieldValues, S extends z.ZodType>(opts: ApiFormOptions<V, S>): ApiForm<V, S> {
  const { schema, toBody, defaultValues, order, extra, field = (f: string) => f, depth } = opts;
  const errorText = useErrorText();
  const t = useTranslations("forms");
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const resolver: Resolver<V> = useCallback(
    async (values, context, options) => {
      const body = toBody(values);
      // @hookform/resolvers decides over the API's schema; the words come from the same issues' codes
      const decided = await zodResolver(schema as never)(body as never, context, options as never);
      const written = extra?.(values) ?? {};
      if (!Object.keys(decided.errors).length && !Object.keys(written).length) return { values, errors: {} };
      const check = schema.safeParse(body);
      const fromSchema = check.success ? {} : errorText.issues(check.error, body, depth);
      // a field the browser could not read carries a placeholder in the body: its own text replaces the schema's
      for (const k of Object.keys(written)) delete fromSchema[k];
      const texts = mergeTexts(written, fromSchema);
      return { values: {}, errors: asFieldErrors<V>(texts, field) };
    },
    // the options are the form's own constants; the resolver follows the language through errorText
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [errorText],
  );

  const form = useForm<V>({
    defaultValues,
    resolver,
    // the first submit shows every problem; afterwards each field is re-checked as it changes
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: true,
  });
  const { formState, setError, setFocus, handleSubmit, reset } = form;
  const dirty = formState.isDirty && !formState.isSubmitSuccessful;
  const leave = useLeaveWarning(dirty, t("leaveConfirm"));
  useDialogGuard(dirty, t("closeConfirm"));

  const showFailure = useCallback(
    (f: ApiFailure) => {
      const texts = errorText.fields(f.details, undefined, depth);
      const named = Object.entries(texts)
        .map(([k, m]) => [field(k), m] as const)
        .filter((e): e is readonly [string, string[]] => !!e[0]);
      for (const [name, m] of named) setError(name as Path<V>, { type: "server", message: m.join(" ") });
      const first = order.find((o) => named.some(([n]) => n === o)) ?? named[0]?.[0];
      if (first) requestAnimationFrame(() => setFocus(first as Path<V>));
      return named.length > 0;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [errorText, setError, setFocus],
  );

  const submit: ApiForm<V, S>["submit"] = (save) => async (e) => {
    let next: V | null = null;
    try {
      await handleSubmit(async (values) => {
        setFailure(null);
        const check = schema.safeParse(toBody(values));
        if (!check.success) throw new Error("not valid"); // the resolver let it through, so this does not happen
        const r = await save(check.data as z.output<S>, values);
        if (r && "ok" in r) {
          setFailure(r);
          showFailure(r);
          // a failed save keeps the form dirty: isSubmitSuccessful must stay false
          throw new Error("not saved");
        }
        next = r?.values ?? values;
      })(e);
    } catch {
      return; // handleSubmit rethrows what `save` throws (after recording the failed submit): shown already
    }
    // saved: what was saved (or what the server answered) is the form's new starting point, not dirty any more
    if (next) reset(next);
  };

  const fieldError = (name: Path<V>) => {
    let at: unknown = formState.errors;
    for (const p of name.split(".")) at = (at as Record<string, unknown> | undefined)?.[p];
    return ((at as { message?: string } | undefined)?.message || undefined) as string | undefined;
  };

  return { ...form, dirty, failure, submit, showFailure, leave, fieldError };
}
