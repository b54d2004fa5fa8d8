/**
 * The old untyped call, kept ONLY for components/restructuring/wizard.tsx (its errors are being translated separately;
 * move it to `api`/`call` of lib/api-client with it, then delete this file). No logic of its own: lib/api-client's
 * `send` does the request and reads the error envelope; this only adds the old `fieldErrors` as messages by path.
 */
import { send, type ApiFailure } from "@/lib/api-client";

export type ApiResult<T> = { ok: true; data: T } | (Omit<ApiFailure, "fieldErrors"> & { fieldErrors: Record<string, string[]> });

/** @deprecated use `call(api.<METHOD>(path, …))` from lib/api-client */
export async function callApi<T>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  const r = await send<T>(method, url, body as object | undefined);
  if (r.ok) return r;
  const fieldErrors: Record<string, string[]> = {};
  for (const d of r.details) (fieldErrors[d.path] ??= []).push(d.message);
  return { ...r, fieldErrors };
}
