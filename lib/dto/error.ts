/** The error envelope of spec/api.md: every 4xx/5xx answer of API v1 has this shape. */
import { z } from "zod";
import { VALIDATION_CODES } from "@/lib/errors";

export const ERROR_CODES = [
  "validation_failed",
  "unauthenticated",
  "invalid_credentials",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "version_conflict",
  "duplicate",
  "invalid_transition",
  "payload_too_large",
  "rate_limited",
  "unavailable",
  "internal_error",
] as const;

export const ErrorDto = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      requestId: z.string().optional(),
      details: z
        .array(
          z.object({
            path: z
              .string()
              .describe('the field ("title", "targets.0.metric") or the place ("row 7.progress", "(body)")'),
            message: z.string().describe("English, for people reading the raw answer"),
            code: z.enum(VALIDATION_CODES).describe("what is wrong, for programs and the UI's translations"),
            params: z
              .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
              .optional()
              .describe('what the code\'s text needs, e.g. too_small: { minimum: 3, origin: "string" }'),
            value: z.string().optional().describe("file imports: the value as written"),
            allowed: z.array(z.string()).optional().describe("file imports: the values allowed, where they are few"),
          }),
        )
        .optional(),
      currentVersion: z.number().int().optional().describe("version_conflict: the record's current version"),
      retryAfterSeconds: z.number().int().optional().describe("rate_limited: also in the Retry-After header"),
      allow: z.array(z.string()).optional().describe("method_not_allowed: the methods the route serves (also in the Allow header)"),
    }),
  })
  .meta({ id: "Error" });
export type ErrorDto = z.infer<typeof ErrorDto>;
