/**
 * Where to go after signing in (or out): only a path of this site (no open redirect).
 *
 * A string is judged as the browser will read it: `new URL(raw, origin)`. Browsers drop tabs and newlines inside a
 * URL and read `\` as `/`, so `/\t/evil.example` or `/\evil.example` become `//evil.example` — another host. Hence:
 * no control characters, whitespace or backslashes at all (nor in the path once percent-decoded), a single leading `/`, the
 * parsed origin must be ours, and what is returned is the parsed path (so `/.//evil.example`, which normalises to
 * `//evil.example`, is refused too).
 */
const ORIGIN = "http://callback.invalid";

// C0 controls, space, DEL, C1 controls, no-break and other Unicode spaces, zero-width and direction marks, BOM, `\`
const UNSAFE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;

function decodedOnce(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The same-origin path `raw` names (path, query and fragment), or null when it is anything else. */
export function sameOriginPath(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return null;
  // the path part once percent-decoded, for encoded variants (`/%09/evil`, `/%5Cevil`); a query may hold `%20`
  const decoded = decodedOnce(raw.split(/[?#]/, 1)[0]);
  if (UNSAFE.test(raw) || UNSAFE.test(decoded)) return null;
  if (!raw.startsWith("/") || raw.startsWith("//") || decoded.startsWith("//")) return null;
  let url: URL;
  try {
    url = new URL(raw, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  return path;
}

/** A post-login destination: a same-origin path, never the login page itself (no loop); else the home page. */
export function safeCallbackUrl(raw: string | undefined | null): string {
  const path = sameOriginPath(raw);
  if (!path || path === "/login" || path.startsWith("/login?") || path.startsWith("/login/") || path.startsWith("/login#")) return "/";
  return path;
}

/**
 * next-auth's redirect callback: `url` is a path or an absolute URL; only a same-origin one is followed, and the
 * answer is always an absolute URL on `baseUrl`'s origin (next-auth's client parses it with `new URL`).
 */
export function safeRedirect(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  let candidate: string | null = url;
  if (!url.startsWith("/")) {
    try {
      const abs = new URL(url);
      candidate = abs.origin === origin ? abs.pathname + abs.search + abs.hash : null;
    } catch {
      candidate = null;
    }
  }
  return origin + (sameOriginPath(candidate) ?? "/");
}
