"use client";

import { Controller, type Control, type FieldPath, type FieldValues } from "react-hook-form";
import { NumberInput, type NumberInputProps } from "@/components/ui/number-input";

/**
 * A NumberInput held by a react-hook-form form (useApiForm): the form keeps the raw text as typed ("34,5") and the
 * form's ref focuses the field on an error. `onValue` runs after each change (e.g. to clear a "saved" message).
 */
export function ControlledNumberInput<T extends FieldValues>({
  control,
  name,
  onValue,
  ...input
}: { control: Control<T>; name: FieldPath<T>; onValue?: (raw: string) => void } & Omit<NumberInputProps, "name" | "value" | "onChange" | "onBlur" | "ref">) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <NumberInput
          {...input}
          ref={field.ref}
          name={field.name}
          value={field.value}
          onBlur={field.onBlur}
          onChange={(raw) => {
            field.onChange(raw);
            onValue?.(raw);
          }}
        />
      )}
    />
  );
}
