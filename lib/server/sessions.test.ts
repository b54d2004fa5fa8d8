/**
 * Issue 13, points 4 and 5: browser sessions that end on the server, the 12-hour absolute cap, personal tokens only
 * from a browser session, password self-service and the forced change after an admin set the password.
 */
import { describe, test, expect } from "vitest";
import { prisma } from "@/lib/server/db";
import { makeActor, makeOrganisation, uid } from "@/test/factories";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "./errors";
import { actorFromSession, actorFromToken, createSessionToken, endBrowserSession, startBrowserSession, verifyCredentials, type SessionClaims } from "./auth";
import { changeOwnPassword, createMyToken, createUser, getMe, updateUser } from "./users";

const HOUR = 3600 * 1000;

async function fails(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

/** A person with a known password, as lib/server sees them. */
async function person(password = `Mật-khẩu-${uid(12)}`) {
  const org = await makeOrganisation();
  const email = `person.${uid(10).toLowerCase()}@example.gov.vn`;
  const u = await prisma.user.create({ data: { email, name: "Người thử", role: "OFFICER", organisationId: org.id, passwordHash: await hashPassword(password) } });
  return { id: u.id, email, password, organisationId: org.id };
}

/** The actor of a browser session, as lib/auth/session.ts resolves it. */
async function sessionActor(claims: SessionClaims): Promise<Actor> {
  const a = await actorFromSession(claims);
  expect(a).not.toBeNull();
  return a!;
}

describe("browser sessions end on the server", () => {
  test("signing out refuses the same cookie afterwards; the person's other sessions go on", async () => {
    const p = await person();
    const laptop = await startBrowserSession(p.id);
    const phone = await startBrowserSession(p.id);
    expect((await actorFromSession(laptop))?.id).toBe(p.id);
    await endBrowserSession(laptop);
    // a copy of the laptop's cookie carries exactly these claims
    expect(await actorFromSession(laptop)).toBeNull();
    expect((await actorFromSession(phone))?.id).toBe(p.id);
    const entry = await prisma.auditEntry.findFirst({ where: { entityType: "Session", entityId: laptop.sid, action: "logout" } });
    expect(entry?.actorId).toBe(p.id);
  });

  test("a session ends 12 hours after sign-in however often it is used", async () => {
    const p = await person();
    const s = await startBrowserSession(p.id);
    const now = Date.now();
    expect(await actorFromSession(s, now + 11 * HOUR + 59 * 60 * 1000)).not.toBeNull();
    expect(await actorFromSession(s, now + 12 * HOUR + 1000)).toBeNull();
  });

  test("the sign-in time in the cookie is checked too: a cookie claiming an old sign-in is refused", async () => {
    const p = await person();
    const s = await startBrowserSession(p.id);
    expect(await actorFromSession({ ...s, at: Date.now() - 12 * HOUR - 1000 })).toBeNull();
    // and the row's own 12 hours hold even if a cookie claimed a later sign-in
    await prisma.userSession.update({ where: { id: s.sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await actorFromSession({ ...s, at: Date.now() })).toBeNull();
  });

  test("a session id of someone else, a made-up id, or an outdated sessionVersion is refused", async () => {
    const a = await person();
    const b = await person();
    const sa = await startBrowserSession(a.id);
    expect(await actorFromSession({ ...sa, uid: b.id })).toBeNull();
    expect(await actorFromSession({ ...sa, sid: "00000000-0000-4000-8000-000000000000" })).toBeNull();
    expect(await actorFromSession({ ...sa, sid: "not-an-id" })).toBeNull();
    expect(await actorFromSession({ ...sa, sv: sa.sv + 1 })).toBeNull();
  });
});

describe("personal tokens are minted from a browser session only", () => {
  test("with a bearer token: 403, nothing created; from a session: 201", async () => {
    const p = await person();
    const signedIn = await createSessionToken(p.email, p.password);
    const viaToken = await actorFromToken(signedIn.token);
    await fails(createMyToken(viaToken, { name: "script" }), "forbidden");
    expect(await prisma.apiToken.count({ where: { userId: p.id, name: { not: null } } })).toBe(0);
    const viaSession = await sessionActor(await startBrowserSession(p.id));
    const minted = await createMyToken(viaSession, { name: "script" });
    expect((await actorFromToken(minted.token)).id).toBe(p.id);
  });
});

describe("changing one's own password", () => {
  test("needs the current password; a wrong one changes nothing", async () => {
    const p = await person();
    const actor = await sessionActor(await startBrowserSession(p.id));
    const err = await fails(changeOwnPassword(actor, { currentPassword: "not-the-password-1", newPassword: "a-new-long-password-2026" }), "validation_failed");
    expect(err.details?.map((d) => d.path)).toEqual(["currentPassword"]);
    await verifyCredentials(p.email, p.password); // the old one still works
  });

  test("the new one follows the password rule and differs from the current one", async () => {
    const p = await person();
    const actor = await sessionActor(await startBrowserSession(p.id));
    const short = await fails(changeOwnPassword(actor, { currentPassword: p.password, newPassword: "short" }), "validation_failed");
    expect(short.details?.map((d) => d.path)).toEqual(["newPassword"]);
    const same = await fails(changeOwnPassword(actor, { currentPassword: p.password, newPassword: p.password }), "validation_failed");
    expect(same.details?.map((d) => d.path)).toEqual(["newPassword"]);
    const missing = await fails(changeOwnPassword(actor, {}), "validation_failed");
    expect(missing.details?.map((d) => d.path).sort()).toEqual(["currentPassword", "newPassword"]);
  });

  test("ends the other sessions and tokens; the session in use goes on; the new password signs in", async () => {
    const p = await person();
    const here = await startBrowserSession(p.id);
    const elsewhere = await startBrowserSession(p.id);
    const script = await createSessionToken(p.email, p.password);
    const actor = await sessionActor(here);
    const newPassword = `Mật-khẩu-mới-${uid(8)}`;
    await changeOwnPassword(actor, { currentPassword: p.password, newPassword });
    expect((await actorFromSession(here))?.id).toBe(p.id);
    expect(await actorFromSession(elsewhere)).toBeNull();
    await fails(actorFromToken(script.token), "unauthenticated");
    await fails(verifyCredentials(p.email, p.password), "invalid_credentials");
    expect((await verifyCredentials(p.email, newPassword)).id).toBe(p.id);
    const entry = await prisma.auditEntry.findFirst({ where: { entityId: p.id, action: "password_change" } });
    expect(entry?.changes).toEqual({ password: { from: "(hidden)", to: "(changed)" } });
  });

  test("changed with a token, that token goes on and the browser sessions end", async () => {
    const p = await person();
    const browser = await startBrowserSession(p.id);
    const script = await createSessionToken(p.email, p.password);
    await changeOwnPassword(await actorFromToken(script.token), { currentPassword: p.password, newPassword: `Mật-khẩu-mới-${uid(8)}` });
    expect((await actorFromToken(script.token)).id).toBe(p.id);
    expect(await actorFromSession(browser)).toBeNull();
  });

  test("wrong current passwords count towards the lock-out: the 11th attempt in the window answers 429", async () => {
    const p = await person();
    const actor = await sessionActor(await startBrowserSession(p.id));
    for (let i = 0; i < 10; i++) {
      await fails(changeOwnPassword(actor, { currentPassword: `wrong-${i}-password`, newPassword: "a-new-long-password-2026" }), "validation_failed");
    }
    await fails(changeOwnPassword(actor, { currentPassword: p.password, newPassword: "a-new-long-password-2026" }), "rate_limited");
  });
});

describe("an admin sets the password: the person must change it in the browser", () => {
  test("a new account must change its password; the API signs in and works as before", async () => {
    const admin = await makeActor("ADMIN");
    const org = await makeOrganisation();
    const password = `Ban-đầu-${uid(10)}`;
    const created = await createUser(admin, { email: `new.${uid(8).toLowerCase()}@example.gov.vn`, name: "Cán bộ mới", role: "OFFICER", organisationId: org.id, password });
    expect(created.mustChangeCredentials).toBe(true);
    const signedIn = await createSessionToken(created.email, password);
    expect((await actorFromToken(signedIn.token)).id).toBe(created.id);
    const browser = await sessionActor(await startBrowserSession(created.id));
    expect(browser.mustChangePassword).toBe(true);
    const after = await changeOwnPassword(browser, { currentPassword: password, newPassword: `Của-tôi-${uid(10)}` });
    expect(after.mustChangeCredentials).toBe(false);
    expect((await getMe(browser)).mustChangeCredentials).toBe(false);
  });

  test("an admin may create an account without the forced change (service accounts)", async () => {
    const admin = await makeActor("ADMIN");
    const created = await createUser(admin, { email: `svc.${uid(8).toLowerCase()}@example.gov.vn`, name: "Dịch vụ", role: "LEADERSHIP", password: `Dịch-vụ-${uid(10)}`, mustChangeCredentials: false });
    expect(created.mustChangeCredentials).toBe(false);
  });

  test("a reset by an admin ends the person's sessions and forces a change at the next sign-in", async () => {
    const admin = await makeActor("ADMIN");
    const p = await person();
    const before = await startBrowserSession(p.id);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: p.id } });
    const reset = await updateUser(admin, p.id, { version: user.version, password: `Đặt-lại-${uid(10)}` });
    expect(reset.mustChangeCredentials).toBe(true);
    expect(await actorFromSession(before)).toBeNull();
    expect((await actorFromSession(await startBrowserSession(p.id)))?.mustChangePassword).toBe(true);
  });

  test("an admin changing their own password this way is not forced to change it again", async () => {
    const admin = await makeActor("ADMIN");
    const me = await prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
    const after = await updateUser(admin, admin.id, { version: me.version, password: `Của-tôi-${uid(10)}` });
    expect(after.mustChangeCredentials).toBe(false);
  });

  test("the flag is not something a person can clear for themselves without changing the password", async () => {
    const p = await person();
    await prisma.user.update({ where: { id: p.id }, data: { mustChangePassword: true } });
    const actor = await sessionActor(await startBrowserSession(p.id));
    const user = await prisma.user.findUniqueOrThrow({ where: { id: p.id } });
    await fails(updateUser(actor, p.id, { version: user.version, mustChangeCredentials: false }), "forbidden");
  });
});
