import "server-only";
import { prisma, primaryPool } from "./db";
import { versionColumnsSql, versionReadOf, type VersionColumns, type VersionRead } from "./dashboard-cache";
import { transaction } from "./tx";
import { audit } from "./audit";
import { logger } from "./logger";
import { env } from "@/lib/env";
import { uuid } from "@/lib/validation/common";
import { InvalidCredentialsError, UnauthenticatedError } from "./errors";
import { clearEmailAttempts, consumeAddressAttempt, consumeEmailAttempt } from "./login-limits";
import { hashPassword, verifyDummy, verifyPassword } from "@/lib/auth/password";
import { hashToken, newToken, TOKEN_TTL_MS } from "@/lib/auth/tokens";
import type { Actor } from "@/lib/auth/permissions";
import type { Role } from "@/lib/domain/codes";
import type { UserDto } from "@/lib/dto/users";

export { LOCKOUT_THRESHOLD, LOCKOUT_WINDOW_MS } from "./login-limits";

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  active: boolean;
  version: number;
  locale: string | null;
  mustChangePassword: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
};

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  organisationId: true,
  active: true,
  version: true,
  locale: true,
  mustChangePassword: true,
  createdAt: true,
  lastLoginAt: true,
} as const;

/** A user as the API shows it: never a hash. */
export function toUserDto(u: UserRow): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organisationId: u.organisationId,
    active: u.active,
    version: u.version,
    locale: u.locale === "vi" || u.locale === "en" ? u.locale : null,
    mustChangeCredentials: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
  };
}

/**
 * Checks an email and password, shared by the browser sign-in and the token API. Ten attempts for one email within
 * 15 minutes lock it for the rest of the window (429), even with the right password; success clears them
 * (lib/server/login-limits.ts, in PostgreSQL, atomic). An unknown email, a wrong password and a deactivated account
 * answer the same.
 */
export async function verifyCredentials(emailInput: string, password: string, meta: { ip?: string | null } = {}): Promise<UserDto> {
  await consumeAddressAttempt(meta.ip);
  const email = emailInput.trim().toLowerCase();
  await consumeEmailAttempt(email);
  const user = await prisma.user.findUnique({ where: { email }, select: { ...userSelect, passwordHash: true } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyDummy(password), false);
  if (!user || !ok || !user.active) {
    await transaction(async (tx) => {
      await audit(tx, user ? { id: user.id, email: user.email } : null, {
        action: "login_failed",
        entityType: "User",
        entityId: user?.id ?? null,
        organisationId: user?.organisationId ?? null,
        // an unknown identifier is whatever was typed (often a password in the wrong box): never stored
        changes: user ? { email: { from: null, to: email } } : {},
      });
    });
    throw new InvalidCredentialsError();
  }
  await clearEmailAttempts(email);
  const now = new Date();
  await transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await audit(tx, { id: user.id, email: user.email }, { action: "login", entityType: "User", entityId: user.id, organisationId: user.organisationId });
  });
  return toUserDto({ ...user, lastLoginAt: now });
}

/** Signs in an API client: a new bearer token (stored hashed) valid for 12 hours. */
export async function createSessionToken(email: string, password: string, meta: { ip?: string | null } = {}) {
  const user = await verifyCredentials(email, password, meta);
  const token = newToken();
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS);
  await prisma.apiToken.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt } });
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    user: { id: user.id, email: user.email, name: user.name, role: user.role, organisationId: user.organisationId },
  };
}

/** Revokes the token in use (sign-out of an API client). */
export async function revokeToken(token: string): Promise<void> {
  await prisma.apiToken.updateMany({ where: { tokenHash: hashToken(token), revokedAt: null }, data: { revokedAt: new Date() } });
}

/** The organisations an officer may write for: their own and its agencies. */
async function scopeOf(role: Role, organisationId: string | null): Promise<string[]> {
  if (role !== "OFFICER" || !organisationId) return [];
  const children = await prisma.organisation.findMany({ where: { parentId: organisationId }, select: { id: true } });
  return [organisationId, ...children.map((c) => c.id)];
}

/**
 * The acting user behind a bearer token, or an UnauthenticatedError (unknown, expired, revoked, deactivated). One
 * statement: token, user and an officer's agencies (its scope) together, so an API request waits for one round trip
 * before its own queries, not three in a row.
 */
export async function actorFromToken(token: string): Promise<Actor> {
  return actorOfToken(token, false).then((r) => r.actor);
}

/**
 * actorFromToken, with the data version of the dashboards' cache (and the primary's WAL position) read in the same
 * statement: a cached dashboard costs this one round trip (lib/api/handler.ts authedWithVersion).
 */
export async function actorAndVersionFromToken(token: string): Promise<{ actor: Actor; version: VersionRead }> {
  return actorOfToken(token, true);
}

type TokenRow = {
  token_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  id: string;
  email: string;
  name: string;
  role: Role;
  organisation_id: string | null;
  active: boolean;
  children: string[] | null;
} & VersionColumns;

async function actorOfToken(token: string, withVersion: boolean): Promise<{ actor: Actor; version: VersionRead }> {
  // plain pg on the primary (a revocation counts at once); no ORM round on the path of every API request
  const { rows } = await primaryPool().query<TokenRow>(
    `SELECT t.id::text AS token_id, t.expires_at, t.revoked_at, u.id::text AS id, u.email, u.name, u.role::text AS role,
            u.organisation_id::text AS organisation_id, u.active,
            CASE WHEN u.role = 'OFFICER' AND u.organisation_id IS NOT NULL
                 THEN ARRAY(SELECT c.id::text FROM organisations c WHERE c.parent_id = u.organisation_id) END AS children
            ${withVersion ? `, ${versionColumnsSql()}` : ""}
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row || row.revoked_at || new Date(row.expires_at).getTime() <= Date.now() || !row.active) throw new UnauthenticatedError("The token is not valid");
  const actor: Actor = {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationId: row.organisation_id,
    // as scopeOf(): an officer's organisation and its agencies; nobody else has a scope
    scope: row.children && row.organisation_id ? [row.organisation_id, ...row.children] : [],
    credential: { kind: "token", id: row.token_id },
  };
  return { actor, version: versionReadOf(row) };
}

/**
 * What a browser session cookie carries (inside next-auth's encrypted JWT): the user, their sessionVersion at sign-in,
 * the server-side session id, and the sign-in time (epoch ms) — never moved forward when the cookie is renewed.
 */
export interface SessionClaims {
  uid: string;
  sv: number;
  sid: string;
  at: number;
}

/** The claims of a decoded session (next-auth's session or JWT object), or null when any is missing. */
export function sessionClaimsOf(session: unknown): SessionClaims | null {
  const s = session as Partial<Record<keyof SessionClaims, unknown>> | null | undefined;
  if (!s || typeof s.uid !== "string" || typeof s.sv !== "number" || typeof s.sid !== "string" || typeof s.at !== "number") return null;
  return { uid: s.uid, sv: s.sv, sid: s.sid, at: s.at };
}

/** A browser session ends 12 hours after sign-in at the latest, however often it is used. */
export function withinSessionLifetime(signedInAtMs: number, now = Date.now()): boolean {
  return Number.isFinite(signedInAtMs) && signedInAtMs <= now + 60_000 && now - signedInAtMs < TOKEN_TTL_MS;
}

/** Opens a browser session at sign-in: a row whose id goes into the cookie. */
export async function startBrowserSession(userId: string): Promise<SessionClaims> {
  const now = new Date();
  const u = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const s = await prisma.userSession.create({ data: { userId, createdAt: now, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS) } });
  // the person's sessions that ended over a day ago are of no further use
  await prisma.userSession.deleteMany({ where: { userId, expiresAt: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } } });
  return { uid: userId, sv: u.sessionVersion, sid: s.id, at: now.getTime() };
}

/** Signing out: this session (only this one: the person's other devices stay signed in) is refused from now on. */
export async function endBrowserSession(claims: Pick<SessionClaims, "uid" | "sid">): Promise<void> {
  if (!uuid.safeParse(claims.sid).success) return;
  await transaction(async (tx) => {
    const r = await tx.userSession.updateMany({ where: { id: claims.sid, userId: claims.uid, revokedAt: null }, data: { revokedAt: new Date() } });
    if (r.count === 0) return;
    const u = await tx.user.findUnique({ where: { id: claims.uid }, select: { id: true, email: true, organisationId: true } });
    if (u) await audit(tx, u, { action: "logout", entityType: "Session", entityId: claims.sid, organisationId: u.organisationId });
  });
}

/**
 * The acting user behind a browser session, re-checked on every request: the session row exists, is not ended or
 * past its 12 hours, the sign-in time in the cookie is within 12 hours too, the person is active and their
 * sessionVersion unchanged (deactivation, role or organisation change, a password set by an admin end every session).
 */
export async function actorFromSession(claims: SessionClaims, now = Date.now()): Promise<Actor | null> {
  if (!withinSessionLifetime(claims.at, now) || !uuid.safeParse(claims.sid).success || !uuid.safeParse(claims.uid).success) return null;
  const s = await prisma.userSession.findUnique({
    where: { id: claims.sid },
    select: {
      userId: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, organisationId: true, active: true, sessionVersion: true, mustChangePassword: true } },
    },
  });
  if (!s || s.userId !== claims.uid || s.revokedAt || s.expiresAt.getTime() <= now) return null;
  const u = s.user;
  if (!u.active || u.sessionVersion !== claims.sv) return null;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organisationId: u.organisationId,
    scope: await scopeOf(u.role, u.organisationId),
    credential: { kind: "session", id: claims.sid },
    mustChangePassword: u.mustChangePassword,
  };
}

/**
 * Bootstrap (spec/api.md): creates the first ADMIN from INITIAL_ADMIN_EMAIL / INITIAL_ADMIN_PASSWORD when no user exists.
 * Idempotent and safe when several processes start at once.
 */
export async function ensureInitialAdmin(): Promise<void> {
  const e = env();
  if (!e.INITIAL_ADMIN_EMAIL || !e.INITIAL_ADMIN_PASSWORD) return;
  if ((await prisma.user.count()) > 0) return;
  const passwordHash = await hashPassword(e.INITIAL_ADMIN_PASSWORD);
  try {
    await transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(424242)`;
      if ((await tx.user.count()) > 0) return;
      const user = await tx.user.create({
        data: { email: e.INITIAL_ADMIN_EMAIL!.toLowerCase(), name: "Administrator", role: "ADMIN", passwordHash },
      });
      await audit(tx, null, { action: "create", entityType: "User", entityId: user.id, changes: { email: { from: null, to: user.email }, role: { from: null, to: "ADMIN" } } });
      logger.info({ email: user.email }, "created the initial admin");
    });
  } catch (err) {
    logger.error({ err }, "could not create the initial admin");
  }
}
