/** The JSON API from the browser (same-origin cookie auth), with the error format of spec/api.md turned into form state. */
export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; code: string; message: string; fieldErrors: Record<string, string[]>; currentVersion?: number };

export async function callApi<T>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, code: "network", message: "", fieldErrors: {} };
  }
  if (res.status === 204) return { ok: true, data: undefined as T };
  const payload = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (res.ok) return { ok: true, data: payload as T };
  const err = (payload?.error ?? {}) as { code?: string; message?: string; details?: { path: string; message: string }[]; currentVersion?: number };
  const fieldErrors: Record<string, string[]> = {};
  for (const d of err.details ?? []) (fieldErrors[d.path] ??= []).push(d.message);
  return { ok: false, status: res.status, code: err.code ?? "internal_error", message: err.message ?? "", fieldErrors, currentVersion: err.currentVersion };
}
