/**
 * Runs before every page: a fresh CSP nonce, security headers (the https-only ones only over https, see
 * lib/transport.ts), the path for the login redirect, and a redirect of
 * signed-out browsers to the login page. It is a convenience, never the authorisation: every page and API handler
 * checks the actor itself in lib/server (a forged `x-middleware-subrequest` header gains nothing there).
 */
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, HSTS } from "@/lib/api/security-headers";
import { isHttpsRequest } from "@/lib/transport";

const PUBLIC_PAGES = ["/login", "/forgot-password", "/reset-password"];
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV !== "production";
  // plain http from any address must work: https-only measures only when this request came over https
  const https = isHttpsRequest(req.headers);
  const policy = contentSecurityPolicy(nonce, { dev, https });

  const requestHeaders = new Headers(req.headers);
  requestHeaders.delete("x-middleware-subrequest");
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-pathname", pathname + search);
  requestHeaders.set("content-security-policy", policy);
  if (!requestHeaders.has("x-request-id")) requestHeaders.set("x-request-id", crypto.randomUUID());

  const signedIn = SESSION_COOKIES.some((c) => req.cookies.has(c));
  let res: NextResponse;
  if (!signedIn && !PUBLIC_PAGES.includes(pathname)) {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    res = NextResponse.redirect(url);
  } else {
    res = NextResponse.next({ request: { headers: requestHeaders } });
  }
  res.headers.set("content-security-policy", policy);
  res.headers.set("cache-control", "no-store");
  if (https && !dev) res.headers.set(HSTS.key, HSTS.value);
  return res;
}

export const config = {
  // pages only: the API answers 401 itself, static assets need no nonce
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)" }],
};
