/**
 * The permission matrix of spec/domain.md ("Roles and what each may do"), tested as a matrix: every role × every action
 * of lib/auth/permissions.ts × a record of the officer's own organisation / of its agency / of another organisation,
 * through the real lib/server functions on this file's own PostgreSQL database.
 *
 * The expected outcomes below are written by hand from the spec's table and its two rules ("a forbidden write answers
 * 403; reading a record the caller may not see answers 404"; spec/api.md: "a report the caller may not see answers 404
 * before any workflow check"; OFFICER reads the audit entries of their own organisation and its agencies only) —
 * never derived from PERMISSIONS. PERMISSIONS is read only to make sure no action and no role is left without probes.
 *
 * Each cell makes its own record (directly with Prisma, not through the code under test), calls the function, and:
 * - "ok": the call succeeds AND its effect is checked in the database (or in what it returns, for reads);
 * - 403 / 404: the call fails with exactly ForbiddenError / NotFoundError (not any error), and nothing was written;
 * - "hidden": a list the caller may call answers without the record (the audit log and report lists filter).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "@/lib/server/db";
import { ACTIONS, PERMISSIONS, type Action, type Actor } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { makeActor, makeOrganisation, uid } from "@/test/factories";
import { archiveInitiative, createInitiative, getInitiative, getInitiativeHistory, listInitiatives, updateInitiative } from "./initiatives";
import { approveReport, createReport, getReport, listReports, rejectReport, submitReport, updateReport } from "./reports";
import { listAuditEntries } from "./audit-log";
import { createUser, listUsers, updateUser } from "./users";
import { createOrganisation, updateOrganisation } from "./organisations";
import { putThresholds } from "./thresholds";
import { putNationalTargets } from "./targets";
import { createKpi } from "./kpis";
import type { ReportStatus, Role } from "@/lib/domain/codes";

type Outcome = "ok" | 403 | 404 | "hidden";
/** [own organisation, own organisation's agency, another organisation] */
type Row = readonly [Outcome, Outcome, Outcome];
type Expected = Record<Role, Row>;
const TARGETS = ["own", "agency", "other"] as const;
type Target = (typeof TARGETS)[number];

/** The roles the spec's table has columns for. */
const ROLES_IN_SPEC: Role[] = ["OFFICER", "LEADERSHIP", "ADMIN"];

const all = (o: Outcome): Row => [o, o, o];
/** officers: their organisation and its agencies only; leadership: never; admin: always */
const officerOwnOnly = (otherwise: Outcome): Expected => ({ OFFICER: ["ok", "ok", otherwise], LEADERSHIP: all(otherwise), ADMIN: all("ok") });

interface Probe<C = unknown, R = unknown> {
  action: Action;
  name: string;
  expected: Expected;
  /** makes the record the call acts on, in organisation `orgId` */
  setup(orgId: string): Promise<C>;
  call(actor: Actor, ctx: C, orgId: string): Promise<R>;
  /** after "ok": the effect happened */
  effect(ctx: C, result: R, orgId: string, actor: Actor): Promise<void> | void;
  /** after 403/404: nothing changed */
  unchanged(ctx: C, orgId: string): Promise<void>;
  /** after "hidden": the record is not in the answer */
  hidden?(ctx: C, result: R, orgId: string): void;
}
const probe = <C, R>(p: Probe<C, R>) => p as unknown as Probe;

let actors: Record<Role, Actor>;
let orgOf: Record<Target, string>;
let fixtureUser: string;
let counter = 0;

beforeAll(async () => {
  const own = await makeOrganisation("MINISTRY");
  const agency = await makeOrganisation("AGENCY", own.id);
  const other = await makeOrganisation("PROVINCE");
  orgOf = { own: own.id, agency: agency.id, other: other.id };
  actors = {
    OFFICER: await makeActor("OFFICER", own.id),
    LEADERSHIP: await makeActor("LEADERSHIP"),
    ADMIN: await makeActor("ADMIN"),
  };
  // the officer's scope is their organisation and its agency (factories read it from the database)
  expect(new Set(actors.OFFICER.scope)).toEqual(new Set([own.id, agency.id]));
  fixtureUser = (await makeActor("ADMIN")).id;
});

/* ---------------------------------------------------------------------------------------------------------------- */
/* Fixtures, written with Prisma directly                                                                            */
/* ---------------------------------------------------------------------------------------------------------------- */

async function initiativeIn(organisationId: string) {
  return prisma.initiative.create({
    data: {
      organisationId,
      title: `Matrix initiative ${uid(6)}`,
      status: "IN_PROGRESS",
      currentStage: 2,
      targetStage: 3,
      progress: 40,
      createdById: fixtureUser,
      updatedById: fixtureUser,
      buildingBlocks: { create: [{ blockCode: "ONE_PORTAL" }] },
    },
  });
}

/** A period nobody else in this file uses: every cell its own (organisation, period, metric). */
function freshPeriod(): string {
  counter += 1;
  return `${2001 + Math.floor(counter / 4)}-Q${1 + (counter % 4)}`;
}

async function reportIn(organisationId: string, status: ReportStatus) {
  return prisma.metricReport.create({
    data: {
      organisationId,
      period: freshPeriod(),
      metricCode: "OPEN_DATASETS",
      value: 7,
      status,
      ...(status !== "DRAFT" ? { submittedAt: new Date() } : {}),
      ...(status === "APPROVED" || status === "REJECTED" ? { reviewedAt: new Date(), reviewedById: fixtureUser } : {}),
      ...(status === "REJECTED" ? { reviewComment: "figures missing" } : {}),
      createdById: fixtureUser,
      updatedById: fixtureUser,
    },
  });
}

async function auditEntryIn(organisationId: string) {
  const entityId = crypto.randomUUID();
  await prisma.auditEntry.create({ data: { actorId: fixtureUser, action: "update", entityType: "Initiative", entityId, organisationId, changes: { title: { from: "a", to: "b" } } } });
  return entityId;
}

const reportRow = (id: string) => prisma.metricReport.findUniqueOrThrow({ where: { id } });
const auditCount = () => prisma.auditEntry.count();

/* ---------------------------------------------------------------------------------------------------------------- */
/* The probes: one or more per action, each with its expected row written from the spec                              */
/* ---------------------------------------------------------------------------------------------------------------- */

const initiativeBody = (organisationId: string, title: string) => ({
  organisationId,
  title,
  buildingBlocks: ["SHARED_DATA"],
  status: "PLANNED",
  currentStage: 1,
  targetStage: 2,
  progress: 0,
});

const PROBES: Probe[] = [
  // "read initiatives … of every organisation": yes for all three roles
  probe({
    action: "initiative.read",
    name: "read one initiative",
    expected: { OFFICER: all("ok"), LEADERSHIP: all("ok"), ADMIN: all("ok") },
    setup: initiativeIn,
    call: (a, i) => getInitiative(a, i.id),
    effect: (i, r) => {
      expect(r.id).toBe(i.id);
      expect(r.title).toBe(i.title);
    },
    unchanged: async () => {},
  }),
  probe({
    action: "initiative.read",
    name: "list an organisation's initiatives",
    expected: { OFFICER: all("ok"), LEADERSHIP: all("ok"), ADMIN: all("ok") },
    setup: initiativeIn,
    call: (a, _i, orgId) => listInitiatives(a, { organisationId: orgId, pageSize: "200" }),
    effect: (i, r) => expect(r.data.map((d) => d.id)).toContain(i.id),
    unchanged: async () => {},
  }),

  // "create, edit, archive initiatives": own organisation only / no / any — refused writes answer 403
  probe({
    action: "initiative.write",
    name: "create an initiative",
    expected: officerOwnOnly(403),
    setup: async () => ({ title: `Matrix create ${uid(8)}` }),
    call: (a, c, orgId) => createInitiative(a, initiativeBody(orgId, c.title)),
    effect: async (c, r, orgId, actor) => {
      const row = await prisma.initiative.findUniqueOrThrow({ where: { id: r.id } });
      expect(row).toMatchObject({ title: c.title, organisationId: orgId, createdById: actor.id, version: 1 });
    },
    unchanged: async (c) => expect(await prisma.initiative.count({ where: { title: c.title } })).toBe(0),
  }),
  probe({
    action: "initiative.write",
    name: "edit an initiative",
    expected: officerOwnOnly(403),
    setup: initiativeIn,
    call: (a, i) => updateInitiative(a, i.id, { version: 1, progress: 55 }),
    effect: async (i) => expect(await prisma.initiative.findUniqueOrThrow({ where: { id: i.id } })).toMatchObject({ progress: 55, version: 2 }),
    unchanged: async (i) => expect(await prisma.initiative.findUniqueOrThrow({ where: { id: i.id } })).toMatchObject({ progress: 40, version: 1 }),
  }),
  probe({
    action: "initiative.write",
    name: "archive an initiative",
    expected: officerOwnOnly(403),
    setup: initiativeIn,
    call: (a, i) => archiveInitiative(a, i.id, "1"),
    effect: async (i) => {
      const row = await prisma.initiative.findUniqueOrThrow({ where: { id: i.id } });
      expect(row.archivedAt).not.toBeNull();
      expect(row.version).toBe(2);
    },
    unchanged: async (i) => expect(await prisma.initiative.findUniqueOrThrow({ where: { id: i.id } })).toMatchObject({ archivedAt: null, version: 1 }),
  }),
  probe({
    action: "initiative.write",
    name: "add a KPI to an initiative",
    expected: officerOwnOnly(403),
    setup: initiativeIn,
    call: (a, i) =>
      createKpi(a, i.id, { name: "Hồ sơ trực tuyến", unit: "%", direction: "HIGHER_IS_BETTER", baseline: 10, baselinePeriod: "2024-Q1", target: 80, targetPeriod: "2026-Q4" }),
    effect: async (i) => expect(await prisma.kpi.count({ where: { initiativeId: i.id, name: "Hồ sơ trực tuyến" } })).toBe(1),
    unchanged: async (i) => expect(await prisma.kpi.count({ where: { initiativeId: i.id } })).toBe(0),
  }),

  // "read … approved reports … of every organisation": yes for all; SUBMITTED reports are not drafts (leadership reviews them)
  probe({
    action: "report.readApproved",
    name: "read an APPROVED report",
    expected: { OFFICER: all("ok"), LEADERSHIP: all("ok"), ADMIN: all("ok") },
    setup: (orgId) => reportIn(orgId, "APPROVED"),
    call: (a, r) => getReport(a, r.id),
    effect: (r, dto) => expect(dto).toMatchObject({ id: r.id, status: "APPROVED", value: 7 }),
    unchanged: async () => {},
  }),
  probe({
    action: "report.readApproved",
    name: "read a SUBMITTED report",
    expected: { OFFICER: all("ok"), LEADERSHIP: all("ok"), ADMIN: all("ok") },
    setup: (orgId) => reportIn(orgId, "SUBMITTED"),
    call: (a, r) => getReport(a, r.id),
    effect: (r, dto) => expect(dto).toMatchObject({ id: r.id, status: "SUBMITTED" }),
    unchanged: async () => {},
  }),

  // "create, edit, submit metric reports": own organisation only / no / any. Creating names the organisation (403);
  // editing or submitting a DRAFT or REJECTED report the caller may not even read is a 404 ("before any workflow check")
  probe({
    action: "report.write",
    name: "create a report",
    expected: officerOwnOnly(403),
    setup: async () => ({ period: freshPeriod() }),
    call: (a, c, orgId) => createReport(a, { organisationId: orgId, period: c.period, metric: "NEW_DELIVERY_MODELS", value: 3 }),
    effect: async (c, r, orgId) => {
      const row = await prisma.metricReport.findUniqueOrThrow({ where: { id: r.id } });
      expect(row).toMatchObject({ organisationId: orgId, period: c.period, metricCode: "NEW_DELIVERY_MODELS", value: 3, status: "DRAFT" });
    },
    unchanged: async (c, orgId) => expect(await prisma.metricReport.count({ where: { organisationId: orgId, period: c.period } })).toBe(0),
  }),
  probe({
    action: "report.write",
    name: "edit a DRAFT report",
    expected: officerOwnOnly(404),
    setup: (orgId) => reportIn(orgId, "DRAFT"),
    call: (a, r) => updateReport(a, r.id, { version: 1, value: 12 }),
    effect: async (r) => expect(await reportRow(r.id)).toMatchObject({ value: 12, version: 2, status: "DRAFT" }),
    unchanged: async (r) => expect(await reportRow(r.id)).toMatchObject({ value: 7, version: 1 }),
  }),
  probe({
    action: "report.write",
    name: "edit a REJECTED report (it becomes DRAFT)",
    expected: officerOwnOnly(404),
    setup: (orgId) => reportIn(orgId, "REJECTED"),
    call: (a, r) => updateReport(a, r.id, { version: 1, value: 9 }),
    effect: async (r) => expect(await reportRow(r.id)).toMatchObject({ value: 9, version: 2, status: "DRAFT" }),
    unchanged: async (r) => expect(await reportRow(r.id)).toMatchObject({ value: 7, version: 1, status: "REJECTED" }),
  }),
  probe({
    action: "report.write",
    name: "submit a DRAFT report",
    expected: officerOwnOnly(404),
    setup: (orgId) => reportIn(orgId, "DRAFT"),
    call: (a, r) => submitReport(a, r.id, { version: 1 }),
    effect: async (r) => {
      const row = await reportRow(r.id);
      expect(row).toMatchObject({ status: "SUBMITTED", version: 2 });
      expect(row.submittedAt).not.toBeNull();
    },
    unchanged: async (r) => expect(await reportRow(r.id)).toMatchObject({ status: "DRAFT", version: 1, submittedAt: null }),
  }),

  // "read DRAFT or REJECTED reports": own organisation only / no (404) / yes
  probe({
    action: "report.readUnapproved",
    name: "read a DRAFT report",
    expected: officerOwnOnly(404),
    setup: (orgId) => reportIn(orgId, "DRAFT"),
    call: (a, r) => getReport(a, r.id),
    effect: (r, dto) => expect(dto).toMatchObject({ id: r.id, status: "DRAFT", value: 7 }),
    unchanged: async () => {},
  }),
  probe({
    action: "report.readUnapproved",
    name: "read a REJECTED report",
    expected: officerOwnOnly(404),
    setup: (orgId) => reportIn(orgId, "REJECTED"),
    call: (a, r) => getReport(a, r.id),
    effect: (r, dto) => expect(dto).toMatchObject({ id: r.id, status: "REJECTED", reviewComment: "figures missing" }),
    unchanged: async () => {},
  }),
  probe({
    action: "report.readUnapproved",
    name: "list an organisation's reports (a DRAFT among them)",
    expected: officerOwnOnly("hidden"),
    setup: (orgId) => reportIn(orgId, "DRAFT"),
    call: (a, r, orgId) => listReports(a, { organisationId: orgId, period: r.period }),
    effect: (r, list) => expect(list.data.map((d) => d.id)).toEqual([r.id]),
    unchanged: async () => {},
    hidden: (_r, list) => {
      expect(list.data).toEqual([]);
      expect(list.total).toBe(0);
    },
  }),

  // "approve or reject SUBMITTED reports": no / yes / yes. The officer can read a SUBMITTED report, so it is a 403
  ...(["approve", "reject"] as const).map((step) =>
    probe({
      action: "report.review",
      name: `${step} a SUBMITTED report`,
      expected: { OFFICER: all(403), LEADERSHIP: all("ok"), ADMIN: all("ok") },
      setup: (orgId: string) => reportIn(orgId, "SUBMITTED"),
      call: (a: Actor, r: { id: string }) => (step === "approve" ? approveReport(a, r.id, { version: 1 }) : rejectReport(a, r.id, { version: 1, comment: "the denominator is wrong" })),
      effect: async (r: { id: string }, _dto: unknown, _o: string, actor: Actor) =>
        expect(await reportRow(r.id)).toMatchObject({ status: step === "approve" ? "APPROVED" : "REJECTED", version: 2, reviewedById: actor.id }),
      unchanged: async (r: { id: string }) => expect(await reportRow(r.id)).toMatchObject({ status: "SUBMITTED", version: 1, reviewedById: null }),
    }),
  ),

  // "read the audit log": own organisation's entries / yes / yes
  probe({
    action: "audit.read",
    name: "read an organisation's audit entries",
    expected: { OFFICER: ["ok", "ok", "hidden"], LEADERSHIP: all("ok"), ADMIN: all("ok") },
    setup: auditEntryIn,
    call: (a, _entityId, orgId) => listAuditEntries(a, { organisationId: orgId, pageSize: "200" }),
    effect: (entityId, r) => expect(r.data.map((e) => e.entityId)).toContain(entityId),
    unchanged: async () => {},
    hidden: (_entityId, r) => {
      expect(r.data).toEqual([]);
      expect(r.total).toBe(0);
    },
  }),
  probe({
    // the initiative itself is public, so its history is refused outright (403), not hidden
    action: "audit.read",
    name: "read an initiative's history",
    expected: { OFFICER: ["ok", "ok", 403], LEADERSHIP: all("ok"), ADMIN: all("ok") },
    setup: async (orgId) => {
      const i = await initiativeIn(orgId);
      await prisma.auditEntry.create({ data: { actorId: fixtureUser, action: "create", entityType: "Initiative", entityId: i.id, organisationId: orgId, changes: { title: { from: null, to: i.title } } } });
      return i;
    },
    call: (a, i) => getInitiativeHistory(a, i.id),
    effect: (i, h) => {
      expect(h).toHaveLength(1);
      expect(h[0]).toMatchObject({ action: "create", changes: { title: { from: null, to: i.title } } });
    },
    unchanged: async () => {},
  }),

  // "manage users, organisations, thresholds": no / no / yes — whichever organisation
  probe({
    action: "user.manage",
    name: "create an account in an organisation",
    expected: { OFFICER: all(403), LEADERSHIP: all(403), ADMIN: all("ok") },
    setup: async () => ({ email: `matrix.${uid(10).toLowerCase()}@example.gov.vn` }),
    call: (a, c, orgId) => createUser(a, { email: c.email, name: "Cán bộ mới", role: "OFFICER", organisationId: orgId, password: "Matrix-Password-2026!" }),
    effect: async (c, _r, orgId) => expect(await prisma.user.findUniqueOrThrow({ where: { email: c.email } })).toMatchObject({ role: "OFFICER", organisationId: orgId, active: true }),
    unchanged: async (c) => expect(await prisma.user.count({ where: { email: c.email } })).toBe(0),
  }),
  probe({
    action: "user.manage",
    name: "deactivate an organisation's officer",
    expected: { OFFICER: all(403), LEADERSHIP: all(403), ADMIN: all("ok") },
    setup: (orgId) => makeActor("OFFICER", orgId),
    call: (a, u) => updateUser(a, u.id, { version: 1, active: false }),
    effect: async (u) => expect(await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({ active: false, version: 2 }),
    unchanged: async (u) => expect(await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({ active: true, version: 1 }),
  }),
  probe({
    action: "user.manage",
    name: "list an organisation's accounts",
    expected: { OFFICER: all(403), LEADERSHIP: all(403), ADMIN: all("ok") },
    setup: (orgId) => makeActor("OFFICER", orgId),
    call: (a, _u, orgId) => listUsers(a, { organisationId: orgId, pageSize: "200" }),
    effect: (u, r) => expect(r.data.map((d: { id: string }) => d.id)).toContain(u.id),
    unchanged: async () => {},
  }),
  probe({
    action: "organisation.manage",
    name: "create an agency under an organisation",
    expected: { OFFICER: all(403), LEADERSHIP: all(403), ADMIN: all("ok") },
    // an agency has no agencies of its own: under the agency's parent then
    setup: async (orgId) => {
      const o = await prisma.organisation.findUniqueOrThrow({ where: { id: orgId } });
      return { code: `MX_${uid(8)}`, parentId: o.kind === "AGENCY" ? o.parentId! : o.id };
    },
    call: (a, c) => createOrganisation(a, { code: c.code, nameVi: `Cục ${c.code}`, nameEn: `Department ${c.code}`, kind: "AGENCY", parentId: c.parentId }),
    effect: async (c) => expect(await prisma.organisation.findUniqueOrThrow({ where: { code: c.code } })).toMatchObject({ kind: "AGENCY", parentId: c.parentId }),
    unchanged: async (c) => expect(await prisma.organisation.count({ where: { code: c.code } })).toBe(0),
  }),
  probe({
    action: "organisation.manage",
    name: "rename an organisation",
    expected: { OFFICER: all(403), LEADERSHIP: all(403), ADMIN: all("ok") },
    setup: async (orgId) => {
      const before = await prisma.organisation.findUniqueOrThrow({ where: { id: orgId } });
      return { before, nameEn: `Renamed ${uid(6)}` };
    },
    call: (a, c, orgId) => updateOrganisation(a, orgId, { version: c.before.version, nameEn: c.nameEn }),
    effect: async (c, _r, orgId) => expect(await prisma.organisation.findUniqueOrThrow({ where: { id: orgId } })).toMatchObject({ nameEn: c.nameEn, version: c.before.version + 1 }),
    unchanged: async (c, orgId) => expect(await prisma.organisation.findUniqueOrThrow({ where: { id: orgId } })).toMatchObject({ nameEn: c.before.nameEn, version: c.before.version }),
  }),
  probe({
    action: "settings.manage",
    name: "set the maturity thresholds",
    expected: { OFFICER: all(403), LEADERSHIP: all(403), ADMIN: all("ok") },
    setup: async () => {
      counter += 1;
      return { before: await prisma.maturityThresholds.findUniqueOrThrow({ where: { id: 1 } }), next: { SERVICES_ONLINE: 40 + (counter % 50), OPEN_DATASETS: counter, KPI_IMPROVEMENT: 5, SERVICES_NEW_RETIRED: 2 } };
    },
    call: (a, c) => putThresholds(a, c.next),
    effect: async (c) =>
      expect(await prisma.maturityThresholds.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ servicesOnline: c.next.SERVICES_ONLINE, openDatasets: c.next.OPEN_DATASETS, kpiImprovement: 5, servicesNewRetired: 2 }),
    unchanged: async (c) => expect(await prisma.maturityThresholds.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ servicesOnline: c.before.servicesOnline, openDatasets: c.before.openDatasets }),
  }),
  probe({
    action: "settings.manage",
    name: "set the national targets",
    expected: { OFFICER: all(403), LEADERSHIP: all(403), ADMIN: all("ok") },
    setup: async () => {
      counter += 1;
      return { before: await prisma.nationalTarget.findMany(), target: 60 + counter };
    },
    call: (a, c) => putNationalTargets(a, [{ metric: "SERVICES_ONLINE", baseline: 30, baselinePeriod: "2024-Q4", target: c.target, targetPeriod: "2030-Q4" }]),
    effect: async (c) => {
      const rows = await prisma.nationalTarget.findMany();
      expect(rows.map((r) => [r.metricCode, r.target])).toEqual([["SERVICES_ONLINE", c.target]]);
    },
    unchanged: async (c) => expect(await prisma.nationalTarget.findMany()).toEqual(c.before),
  }),
];

/* ---------------------------------------------------------------------------------------------------------------- */

describe("the matrix covers lib/auth/permissions.ts", () => {
  test("every action of PERMISSIONS has at least one probe", () => {
    const actions = new Set<string>([...ACTIONS, ...Object.values(PERMISSIONS).flatMap((rules) => Object.keys(rules))]);
    const probed = new Set(PROBES.map((p) => p.action));
    expect([...actions].filter((a) => !probed.has(a as Action))).toEqual([]);
    // a probe for an action that no longer exists is a typo
    expect([...probed].filter((a) => !actions.has(a))).toEqual([]);
  });

  test("the roles are the spec's three, and every probe says what each of them gets", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ROLES_IN_SPEC].sort());
    for (const p of PROBES) expect(Object.keys(p.expected).sort(), p.name).toEqual([...ROLES_IN_SPEC].sort());
  });
});

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return undefined;
}

describe.each(PROBES.map((p) => [p.action, p.name, p] as const))("%s — %s", (_action, _name, p) => {
  test.each(ROLES_IN_SPEC.flatMap((role) => TARGETS.map((target, i) => [role, target, p.expected[role][i]] as const)))(
    "%s on a record of the %s organisation → %s",
    async (role, target, expected) => {
      const orgId = orgOf[target];
      const actor = actors[role];
      const ctx = await p.setup(orgId);
      if (expected === "ok" || expected === "hidden") {
        const result = await p.call(actor, ctx, orgId);
        if (expected === "ok") await p.effect(ctx, result, orgId, actor);
        else {
          expect(p.hidden, `${p.name} has no "hidden" check`).toBeDefined();
          p.hidden!(ctx, result, orgId);
        }
        return;
      }
      const audits = await auditCount();
      const err = await refusal(p.call(actor, ctx, orgId));
      const Expected = expected === 403 ? ForbiddenError : NotFoundError;
      // the specific typed error, never "it threw something": a validation error or a crash would measure nothing
      expect(err, `${role} ${p.name} on ${target}: ${String(err)}`).toBeInstanceOf(Expected);
      expect((err as { code: string }).code).toBe(expected === 403 ? "forbidden" : "not_found");
      await p.unchanged(ctx, orgId);
      expect(await auditCount()).toBe(audits);
    },
  );
});
