/**
 * The building blocks of the DTO schemas (issue 14: lib/dto is the one source of every shape the API answers with).
 * Shared by the core (lib/server returns `z.infer` of these), the OpenAPI document (lib/openapi/document.ts converts
 * them) and the UI (components import the same types). No server-only or Prisma imports here.
 */
import { z } from "zod";

export const id = z.string().describe("opaque id (a UUID)");
export const ts = z.string().describe("ISO 8601 timestamp, UTC");
export const date = z.string().describe("YYYY-MM-DD");
export const periodS = z.string().describe("YYYY-Qn");

/** A page of a list (spec/api.md "Lists"). */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(200),
    total: z.number().int().min(0),
  });
export type Paged<T> = { data: T[]; page: number; pageSize: number; total: number };

/** What an audit entry records of a change: field → { from, to }. */
export const Changes = z
  .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
  .describe("field: { from, to }");
export type Changes = z.infer<typeof Changes>;
