/** Calls the JSON API from the browser (same-origin cookie auth) and normalises its error format. */
export interface ApiDetail {
  path: string;
  message: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; code: string; details: ApiDetail[] };

export async function callApi<T>(url: string, method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (res.ok) return { ok: true, data: json as T };
    const err = json?.error ?? {};
    return { ok: false, status: res.status, code: typeof err.code === "string" ? err.code : "internal_error", details: Array.isArray(err.details) ? err.details : [] };
  } catch {
    return { ok: false, status: 0, code: "network", details: [] };
  }
}
