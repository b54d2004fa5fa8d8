import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { AppError } from "@/lib/server/errors";
import { endBrowserSession, sessionClaimsOf, startBrowserSession, verifyCredentials } from "@/lib/server/auth";
import { clientAddress } from "@/lib/transport";
import { logger } from "@/lib/server/logger";
import { TOKEN_TTL_MS } from "./tokens";
import { safeRedirect } from "./callback-url";

const MAX_AGE_S = TOKEN_TTL_MS / 1000;

// Without NEXTAUTH_URL next-auth v4 builds its redirects (sign-in, sign-out) from the request's own host, so a user
// who opened http://<server-ip>:3000 comes back there and not to localhost. With NEXTAUTH_URL set, that URL wins.
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "1";

/**
 * The cookies, named once for the site: with an https NEXTAUTH_URL the `__Secure-`/`__Host-` names (browsers then
 * insist on Secure); otherwise plain names whose `Secure` flag follows the request (lib/transport.ts), so plain http
 * from any address can sign in and https through a trusted proxy still gets Secure cookies.
 */
function cookies(secure: boolean): NonNullable<NextAuthOptions["cookies"]> {
  const httpsSite = env().httpsSite;
  const prefix = httpsSite ? "__Secure-" : "";
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: httpsSite || secure };
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
    csrfToken: { name: `${httpsSite ? "__Host-" : ""}next-auth.csrf-token`, options },
  };
}

/**
 * next-auth v4: Credentials + JWT sessions of at most 12 hours from sign-in. The JWT carries the user id, the user's
 * sessionVersion, the id of a server-side session row and the sign-in time; lib/server/auth.ts (actorFromSession)
 * re-checks them against the database on every request. So signing out (the signOut event ends the row) refuses a
 * copied cookie afterwards while the person's other devices stay signed in; deactivation or a role, organisation or
 * admin password change ends every session at once; and renewing the cookie never moves the 12 hours.
 */
export const authOptions: NextAuthOptions = {
  secret: env().AUTH_SECRET,
  useSecureCookies: env().httpsSite,
  cookies: cookies(false),
  session: { strategy: "jwt", maxAge: MAX_AGE_S, updateAge: 60 * 60 },
  jwt: { maxAge: MAX_AGE_S },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password) throw new Error("invalid_credentials");
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const ip = clientAddress({ get: (name) => headers[name] ?? null });
        try {
          const user = await verifyCredentials(email, password, { ip });
          return { id: user.id, email: user.email, name: user.name };
        } catch (err) {
          // the login page shows a message per code; the message itself is never a stack
          if (err instanceof AppError) throw new Error(err.code === "rate_limited" ? "rate_limited" : "invalid_credentials");
          throw new Error("unavailable");
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) Object.assign(token, await startBrowserSession(user.id));
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv, sid: token.sid, at: token.at } as typeof session;
    },
    // the destination after sign-in or sign-out: a path of this site, never another host
    async redirect({ url, baseUrl }) {
      return safeRedirect(url, baseUrl);
    },
  },
  events: {
    async signOut({ token }) {
      const claims = sessionClaimsOf(token);
      if (!claims) return;
      try {
        await endBrowserSession(claims);
      } catch (err) {
        // next-auth swallows errors of this event: the cookie is cleared anyway, the row then ends with its 12 hours
        logger.error({ err }, "could not end the session on sign-out");
      }
    },
  },
  logger: {
    // a wrong password is not an error worth a log line; real failures are logged by lib/server
    error(code) {
      if (code === "CREDENTIALS_SIGNIN_ERROR" || code === "CLIENT_FETCH_ERROR") return;
    },
    warn() {},
    debug() {},
  },
};

/** The options for one request to next-auth's own routes: its cookies are Secure when that request came over https. */
export function authOptionsFor(https: boolean): NextAuthOptions {
  return { ...authOptions, cookies: cookies(https) };
}
