import "server-only";
import { prisma } from "./db";
import { transaction } from "./tx";
import { audit } from "./audit";
import { logger } from "./logger";
import { env } from "@/lib/env";
import { InvalidCredentialsError, RateLimitedError, UnauthenticatedError } from "./errors";
import { hashPassword, verifyDummy, verifyPassword } from "@/lib/auth/password";
import { hashToken, newToken, TOKEN_TTL_MS } from "@/lib/auth/tokens";
import type { Actor } from "@/lib/auth/permissions";
import type { Role } from "@/lib/domain/codes";

export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_THRESHOLD = 10;

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  active: boolean;
  version: number;
  locale: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  active: boolean;
  version: number;
  locale: string | null;
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
    locale: u.locale,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
  };
}

// A per-address limit (configuration, high by default): a sliding minute per client address, in memory.
const ipHits = new Map<string, number[]>();
function checkIpLimit(ip: string | undefined): void {
  if (!ip) return;
  const now = Date.now();
  const hits = (ipHits.get(ip) ?? []).filter((t) => now - t < 60_000);
  hits.push(now);
  ipHits.set(ip, hits);
  if (ipHits.size > 10_000) ipHits.clear();
  if (hits.length > env().LOGIN_RATE_LIMIT_PER_IP) throw new RateLimitedError(Math.ceil((60_000 - (now - hits[0])) / 1000));
}

/**
 * Checks an email and password, shared by the browser sign-in and the token API. Ten failures for one email
 * within 15 minutes lock it for the rest of the window (429), even with the right password; success clears them.
 * An unknown email, a wrong password and a deactivated account answer the same.
 */
export async function verifyCredentials(emailInput: string, password: string, meta: { ip?: string } = {}): Promise<UserDto> {
  checkIpLimit(meta.ip);
  const email = emailInput.trim().toLowerCase();
  const since = new Date(Date.now() - LOCKOUT_WINDOW_MS);
  const failures = await prisma.loginFailure.findMany({
    where: { email, at: { gt: since } },
    select: { at: true },
    orderBy: { at: "asc" },
  });
  if (failures.length >= LOCKOUT_THRESHOLD) {
    const retry = Math.max(1, Math.ceil((failures[0].at.getTime() + LOCKOUT_WINDOW_MS - Date.now()) / 1000));
    throw new RateLimitedError(retry);
  }
  const user = await prisma.user.findUnique({ where: { email }, select: { ...userSelect, passwordHash: true } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyDummy(password), false);
  if (!user || !ok || !user.active) {
    await transaction(async (tx) => {
      await tx.loginFailure.create({ data: { email } });
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
  const now = new Date();
  await transaction(async (tx) => {
    await tx.loginFailure.deleteMany({ where: { email } });
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await audit(tx, { id: user.id, email: user.email }, { action: "login", entityType: "User", entityId: user.id, organisationId: user.organisationId });
  });
  return toUserDto({ ...user, lastLoginAt: now });
}

/** Signs in an API client: a new bearer token (stored hashed) valid for 12 hours. */
export async function createSessionToken(email: string, password: string, meta: { ip?: string } = {}) {
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

/** The acting user behind a bearer token, or an UnauthenticatedError (unknown, expired, revoked, deactivated). */
export async function actorFromToken(token: string): Promise<Actor> {
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, expiresAt: true, revokedAt: true, user: { select: { id: true, email: true, name: true, role: true, organisationId: true, active: true } } },
  });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now() || !row.user.active) throw new UnauthenticatedError("The token is not valid");
  const u = row.user;
  return { id: u.id, email: u.email, name: u.name, role: u.role, organisationId: u.organisationId, scope: await scopeOf(u.role, u.organisationId) };
}

/** The acting user behind a browser session, re-checked on every request: active, and the session not outdated. */
export async function actorFromSession(userId: string, sessionVersion: number): Promise<Actor | null> {
  const u = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, organisationId: true, active: true, sessionVersion: true },
  });
  if (!u || !u.active || u.sessionVersion !== sessionVersion) return null;
  return { id: u.id, email: u.email, name: u.name, role: u.role, organisationId: u.organisationId, scope: await scopeOf(u.role, u.organisationId) };
}

/** The session version to put into a new browser session. */
export async function sessionVersionOf(userId: string): Promise<number> {
  const u = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  return u.sessionVersion;
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
