/** The JSON API from the browser (same-origin cookie auth): the error format of spec/api.md as form state. */
export type ApiFailure = { ok: false; status: number; code: string; message: string; fieldErrors: Record<string, string[]>; currentVersion?: number };
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

export async function callApi<T>(method: string, url: string, body?: unknown, contentType = "application/json"): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": contentType },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
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

/** zod issues (the shared schema run in the browser) in the same shape as the server's details. */
export function issuesByPath(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of issues) {
    // an item of a list (buildingBlocks.1) belongs to the list's field
    const key = i.path.length ? String(i.path[0]) : "(body)";
    (out[key] ??= []).push(i.message);
  }
  return out;
}
