/**
 * The one API client of the UI (issue 14): `api` is openapi-fetch typed from the generated lib/api-client/schema.d.ts,
 * so a path, a body or an answer that drifts from the OpenAPI document fails `tsc`. Same-origin: the browser's session
 * cookie authenticates. `call(api.POST("/initiatives", { body }))` turns openapi-fetch's answer into `ApiResult`:
 * the data, or the error envelope of spec/api.md with its details (machine `code` + `params`) grouped by field.
 * Texts for those codes: lib/api-client/error-text.ts (next-intl "validation" namespace), never the English messages.
 */
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

export type ApiDetail = NonNullable<components["schemas"]["Error"]["error"]["details"]>[number];

export type ApiFailure = {
  ok: false;
  /** 0: the server could not be reached */
  status: number;
  /** the envelope's `error.code` ("validation_failed", "version_conflict", …), "network" or "internal_error" */
  code: string;
  /** English, from the server: for logs, never shown */
  message: string;
  details: ApiDetail[];
  /** the details by field: `path` up to its first dot ("buildingBlocks.1" belongs to "buildingBlocks") */
  fieldErrors: Record<string, ApiDetail[]>;
  currentVersion?: number;
};
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

/** Resolves `fetch` at call time (tests and Playwright may replace it). */
export const api = createClient<paths>({ baseUrl: "/api/v1", fetch: (req) => globalThis.fetch(req), cache: "no-store" });

/** The details grouped by field (first path segment), in order. */
export function byField(details: readonly ApiDetail[]): Record<string, ApiDetail[]> {
  const out: Record<string, ApiDetail[]> = {};
  for (const d of details) (out[d.path.split(".")[0]] ??= []).push(d);
  return out;
}

/** The error envelope of spec/api.md (whatever came back) as an ApiFailure. */
export function failureFrom(status: number, payload: unknown): ApiFailure {
  const err = ((payload as { error?: unknown } | null)?.error ?? {}) as Record<string, unknown>;
  const details: ApiDetail[] = Array.isArray(err.details)
    ? err.details
        .filter((d): d is Record<string, unknown> => !!d && typeof d === "object" && typeof (d as { path?: unknown }).path === "string")
        .map((d) => ({ ...d, message: String(d.message ?? ""), code: (typeof d.code === "string" ? d.code : "invalid") as ApiDetail["code"] }) as ApiDetail)
    : [];
  return {
    ok: false,
    status,
    code: typeof err.code === "string" ? err.code : "internal_error",
    message: typeof err.message === "string" ? err.message : "",
    details,
    fieldErrors: byField(details),
    currentVersion: typeof err.currentVersion === "number" ? err.currentVersion : undefined,
  };
}

export const NETWORK_FAILURE: ApiFailure = { ok: false, status: 0, code: "network", message: "", details: [], fieldErrors: {} };

/** An openapi-fetch call as an ApiResult; a network failure is status 0, code "network". */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<ApiResult<T>> {
  let r: { data?: T; error?: unknown; response: Response };
  try {
    r = await request;
  } catch {
    return NETWORK_FAILURE;
  }
  if (r.response.ok) return { ok: true, data: r.data as T };
  return failureFrom(r.response.status, r.error);
}

/**
 * For the few calls the typed client cannot make (a body that is not JSON, e.g. a CSV file): the same answer shape.
 * Everything else goes through `api`.
 */
export async function send<T>(method: string, url: string, body?: BodyInit | object, contentType = "application/json"): Promise<ApiResult<T>> {
  let res: Response;
  try {
    const raw = body === undefined || typeof body === "string" || body instanceof Blob || body instanceof FormData;
    res = await fetch(url, {
      method,
      cache: "no-store",
      headers: body === undefined ? {} : { "content-type": contentType },
      body: body === undefined ? undefined : raw ? (body as BodyInit) : JSON.stringify(body),
    });
  } catch {
    return NETWORK_FAILURE;
  }
  if (res.status === 204) return { ok: true, data: undefined as T };
  const payload = (await res.json().catch(() => null)) as unknown;
  return res.ok ? { ok: true, data: payload as T } : failureFrom(res.status, payload);
}
