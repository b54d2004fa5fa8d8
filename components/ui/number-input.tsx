"use client";

/**
 * Every number a person types in the UI (spec/coverage.md "Entry"): a text field (type="text" inputmode="decimal",
 * so a browser never silently drops a `,`), read and shown the way of the UI's language by lib/domain/numbers
 * (`34,5` and `1.000.000` in Vietnamese, `34.5` and `1,000,000` in English). A form keeps the raw text as its state
 * and reads it with useNumberReader() when it sends: an ambiguous entry becomes a field error saying how to write it.
 */
import { useLocale, useTranslations } from "next-intl";
import type { InputHTMLAttributes } from "react";
import type React from "react";
import { formatLocaleNumber, parseLocaleNumber, type NumberLocale } from "@/lib/domain/numbers";
import { inputClass } from "./field";

export type NumberInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "value" | "onChange" | "inputMode" | "defaultValue"> & {
  value: string;
  onChange: (raw: string) => void;
  /** a whole number (counts, VND): the error then says so */
  integer?: boolean;
  /** React 19 passes a function component's ref as a prop: a form focuses the field through it */
  ref?: React.Ref<HTMLInputElement>;
};

export function NumberInput({ value, onChange, integer, className, onBlur, ...rest }: NumberInputProps) {
  const locale = useLocale() as NumberLocale;
  return (
    <input
      {...rest}
      type="text"
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      className={className ?? inputClass}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={(e) => {
        // a number typed without groups is shown back grouped (1000000 → 1.000.000); anything unreadable stays as typed
        const r = parseLocaleNumber(value, locale, { integer });
        if (r.ok) {
          const shown = numberText(r.value, locale);
          if (shown !== value) onChange(shown);
        }
        onBlur?.(e);
      }}
    />
  );
}

/** The text a number input shows for a value (empty for null), with up to 10 decimals so nothing is lost on edit. */
export function numberText(n: number | null | undefined, locale: NumberLocale): string {
  return n === null || n === undefined || Number.isNaN(n) ? "" : formatLocaleNumber(n, locale, 10);
}

export type NumberRead = { ok: true; value: number | null } | { ok: false; message: string };

/** Reads number fields in the UI's language: empty → null, a number, or the message saying how to write it. */
export function useNumberReader() {
  const locale = useLocale() as NumberLocale;
  const t = useTranslations("numbers");
  return {
    locale,
    text: (n: number | null | undefined) => numberText(n, locale),
    read(raw: string, opts: { integer?: boolean } = {}): NumberRead {
      if (raw.trim() === "") return { ok: true, value: null };
      const r = parseLocaleNumber(raw, locale, opts);
      if (r.ok) return { ok: true, value: r.value };
      return { ok: false, message: r.error === "not_an_integer" ? t("notInteger") : r.error === "ambiguous_separator" ? t("ambiguous") : t("notNumber") };
    },
  };
}
