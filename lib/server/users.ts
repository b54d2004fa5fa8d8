import "server-only";
import { prisma } from "./db";
import { transaction, type Tx } from "./tx";
import { notifyPasswordReset } from "./notifications";
import { audit, createdFields, diffFields } from "./audit";
import { DuplicateError, ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError, VersionConflictError, isUniqueViolation } from "./errors";
import { toUserDto, userSelect } from "./auth";
import { clearEmailAttempts, consumeEmailAttempt } from "./login-limits";
import { can, type Actor } from "@/lib/auth/permissions";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { hashToken, newToken, TOKEN_TTL_MS } from "@/lib/auth/tokens";
import { parseOrThrow, uuid } from "@/lib/validation/common";
import { passwordChangeInput, tokenNameInput, userCreateInput, userListQuery, userUpdateInput } from "@/lib/validation/users";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PersonalTokenDto, UserDto } from "@/lib/dto/users";
import type { Changes } from "@/lib/dto/common";

const FIELDS = ["email", "name", "role", "organisationId", "active", "locale", "mustChangePassword"];

/** The audit log names the forced-change flag as the API does (`mustChangeCredentials`): no "password" in the log. */
function auditChanges(changes: Changes): Changes {
  const { mustChangePassword, ...rest } = changes;
  return mustChangePassword ? { ...rest, mustChangeCredentials: mustChangePassword } : rest;
}

function requireAdmin(actor: Actor) {
  if (!can(actor, "user.manage")) throw new ForbiddenError();
}

/** The signed-in user's own record. */
export async function getMe(actor: Actor): Promise<UserDto> {
  const u = await prisma.user.findUnique({ where: { id: actor.id }, select: userSelect });
  if (!u) throw new NotFoundError("User");
  return toUserDto(u);
}

/** Users, filtered and paged (ADMIN). */
export async function listUsers(actor: Actor, query: unknown) {
  requireAdmin(actor);
  const q = parseOrThrow(userListQuery, query);
  const where: Prisma.UserWhereInput = {};
  if (q.q) where.OR = [{ email: { contains: q.q.toLowerCase() } }, { name: { contains: q.q, mode: "insensitive" } }];
  if (q.role) where.role = q.role;
  if (q.organisationId) where.organisationId = q.organisationId;
  if (q.active) where.active = q.active === "true";
  const sort = q.sort ?? "email";
  const field = sort.replace(/^-/, "") as "email" | "name" | "createdAt" | "lastLoginAt";
  const [rows, total] = await Promise.all([
    prisma.user.findMany({
      where,
      select: userSelect,
      orderBy: [{ [field]: sort.startsWith("-") ? "desc" : "asc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    prisma.user.count({ where }),
  ]);
  return { data: rows.map(toUserDto), page: q.page, pageSize: q.pageSize, total };
}

async function checkOrganisation(tx: Tx, organisationId: string | null | undefined) {
  if (!organisationId) return;
  const org = await tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true } });
  if (!org) throw new ValidationError([{ path: "organisationId", message: "no such organisation", code: "no_such_organisation" }]);
}

/**
 * Creates an account (ADMIN). The password is hashed with argon2id and never returned. The admin chose it, so the
 * person is asked for their own at the first browser sign-in (`mustChangeCredentials: false` opts out, e.g. for a
 * service account); the API works with it either way.
 */
export async function createUser(actor: Actor, input: unknown): Promise<UserDto> {
  requireAdmin(actor);
  const { password, mustChangeCredentials, ...data } = parseOrThrow(userCreateInput, input);
  const passwordHash = await hashPassword(password);
  try {
    return await transaction(async (tx) => {
      await checkOrganisation(tx, data.organisationId);
      const u = await tx.user.create({ data: { ...data, passwordHash, mustChangePassword: mustChangeCredentials ?? true }, select: userSelect });
      await audit(tx, actor, { action: "create", entityType: "User", entityId: u.id, organisationId: u.organisationId, changes: auditChanges(createdFields(u, FIELDS)) });
      return toUserDto(u);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("email", "An account with this email already exists");
    throw err;
  }
}

/**
 * Updates an account (ADMIN; anyone may change their own locale). Deactivation, a role, organisation or password
 * change revokes the person's API tokens and browser sessions in the same transaction. A password an admin sets for
 * someone else is a reset: the person must choose a new one at the next browser sign-in (unless
 * `mustChangeCredentials: false`). The last active ADMIN cannot be deactivated or demoted: that rule spans rows, so
 * it runs under a lock.
 */
export async function updateUser(actor: Actor, id: string, input: unknown): Promise<UserDto> {
  const { version, password, mustChangeCredentials, ...patch } = parseOrThrow(userUpdateInput, input);
  const selfLocaleOnly = actor.id === id && Object.keys(patch).every((k) => k === "locale") && !password && mustChangeCredentials === undefined;
  if (!selfLocaleOnly) requireAdmin(actor);
  if (!uuid.safeParse(id).success) throw new NotFoundError("User");
  const passwordHash = password ? await hashPassword(password) : undefined;
  return transaction(
    async (tx) => {
      // one lock for every change that could remove an admin: two admins demoting each other cannot both win
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('last-active-admin'))`;
      const before = await tx.user.findUnique({ where: { id }, select: userSelect });
      if (!before) throw new NotFoundError("User");
      if (before.version !== version) throw new VersionConflictError(before.version);
      const role = patch.role ?? before.role;
      const organisationId = patch.organisationId === undefined ? before.organisationId : patch.organisationId;
      const active = patch.active ?? before.active;
      if (role === "OFFICER" && !organisationId) throw new ValidationError([{ path: "organisationId", message: "an officer needs an organisation", code: "officer_needs_organisation" }]);
      await checkOrganisation(tx, organisationId);
      const losesAdmin = before.role === "ADMIN" && before.active && (role !== "ADMIN" || !active);
      if (losesAdmin) {
        const others = await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: id } } });
        if (others === 0) throw new InvalidTransitionError("The last active administrator cannot be deactivated or demoted");
      }
      const revoke = (patch.active === false && before.active) || role !== before.role || organisationId !== before.organisationId || !!passwordHash;
      const mustChangePassword = mustChangeCredentials ?? (passwordHash && id !== actor.id ? true : undefined);
      await tx.user.update({
        where: { id },
        data: {
          ...patch,
          role,
          organisationId,
          active,
          ...(passwordHash ? { passwordHash } : {}),
          ...(mustChangePassword !== undefined ? { mustChangePassword } : {}),
          version: { increment: 1 },
          ...(revoke ? { sessionVersion: { increment: 1 } } : {}),
        },
      });
      if (revoke) await revokeCredentials(tx, id);
      const after = await tx.user.findUniqueOrThrow({ where: { id }, select: userSelect });
      const changes = auditChanges(diffFields(before, after, FIELDS));
      if (passwordHash) changes.password = { from: "(hidden)", to: "(changed)" };
      await audit(tx, actor, { action: "update", entityType: "User", entityId: id, organisationId: after.organisationId ?? before.organisationId, changes });
      // a password an admin set for someone else: the person is told, in the app and by mail (issue 18)
      if (passwordHash && id !== actor.id) await notifyPasswordReset(tx, id);
      return toUserDto(after);
    },
  );
}

/** Ends every browser session and API token of a person, except the one in use (`keep`), if any. */
async function revokeCredentials(tx: Tx, userId: string, keep?: Actor["credential"]): Promise<void> {
  const now = new Date();
  const except = (kind: "session" | "token") => (keep?.kind === kind ? { id: { not: keep.id } } : {});
  await tx.apiToken.updateMany({ where: { userId, revokedAt: null, ...except("token") }, data: { revokedAt: now } });
  await tx.userSession.updateMany({ where: { userId, revokedAt: null, ...except("session") }, data: { revokedAt: now } });
}

/**
 * Changes one's own password: the current one is required (a wrong one counts towards the sign-in lock-out, so a
 * borrowed session cannot guess it), the new one follows the password rule. Every other browser session and API
 * token of the person ends; the session or token in use goes on. Clears a pending forced change.
 */
export async function changeOwnPassword(actor: Actor, input: unknown): Promise<UserDto> {
  const { currentPassword, newPassword } = parseOrThrow(passwordChangeInput, input);
  await consumeEmailAttempt(actor.email);
  const u = await prisma.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true, active: true } });
  if (!u || !u.active) throw new NotFoundError("User");
  if (!(await verifyPassword(u.passwordHash, currentPassword))) {
    throw new ValidationError([{ path: "currentPassword", message: "the current password is not correct", code: "password_wrong" }]);
  }
  await clearEmailAttempts(actor.email);
  const passwordHash = await hashPassword(newPassword);
  return transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, mustChangePassword: false, version: { increment: 1 } } });
    await revokeCredentials(tx, actor.id, actor.credential);
    const after = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: userSelect });
    await audit(tx, actor, {
      action: "password_change",
      entityType: "User",
      entityId: actor.id,
      organisationId: after.organisationId,
      changes: { password: { from: "(hidden)", to: "(changed)" } },
    });
    return toUserDto(after);
  });
}

/** The signed-in user's personal API tokens (never the token itself). */
export async function listMyTokens(actor: Actor): Promise<PersonalTokenDto[]> {
  const rows = await prisma.apiToken.findMany({ where: { userId: actor.id, name: { not: null } }, orderBy: { createdAt: "desc" }, take: 50 });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revoked: !!r.revokedAt || r.expiresAt.getTime() <= Date.now(),
  }));
}

/**
 * Creates a named personal token (12 hours, like every token); the token is shown once. Only from a signed-in
 * browser session (403 with a bearer token): a token could otherwise mint its successors and outlive its own
 * revocation or expiry, so revoking one token ends everything that was done with it.
 */
export async function createMyToken(actor: Actor, input: unknown): Promise<{ token: string; expiresAt: string }> {
  if (actor.credential?.kind !== "session") throw new ForbiddenError("Personal tokens are created from a signed-in browser session, not with a token");
  const { name } = parseOrThrow(tokenNameInput, input);
  const token = newToken();
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS);
  await transaction(async (tx) => {
    const t = await tx.apiToken.create({ data: { userId: actor.id, tokenHash: hashToken(token), name, expiresAt } });
    await audit(tx, actor, { action: "create", entityType: "ApiToken", entityId: t.id, organisationId: actor.organisationId, changes: { name: { from: null, to: name } } });
  });
  return { token, expiresAt: expiresAt.toISOString() };
}

/** Revokes one of the user's own tokens. */
export async function revokeMyToken(actor: Actor, id: string): Promise<void> {
  if (!uuid.safeParse(id).success) throw new NotFoundError("Token");
  await transaction(async (tx) => {
    const r = await tx.apiToken.updateMany({ where: { id, userId: actor.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (r.count === 0) throw new NotFoundError("Token");
    await audit(tx, actor, { action: "revoke", entityType: "ApiToken", entityId: id, organisationId: actor.organisationId });
  });
}
