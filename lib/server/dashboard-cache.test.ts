import { describe, test, expect, beforeAll, afterAll } from "vitest";
import pg from "pg";
import { prisma, closeDb } from "./db";
import { makeActor, makeOrganisation, quietPeriod } from "@/test/factories";
import { approveReport, createReport, submitReport } from "./reports";
import { computeNationalDashboard, computeOrganisationDashboard, nationalDashboard, nationalDashboardJson, organisationDashboard, organisationDashboardJson } from "./dashboard";
import { clearDashboardCache, dataVersion, readVersionEarly } from "./dashboard-cache";
import type { Actor } from "@/lib/auth/permissions";
import { actorAndVersionFromToken } from "./auth";
import { hashToken, newToken } from "@/lib/auth/tokens";

/*
 * The exact cache (lib/server/dashboard-cache.ts): random writes interleaved with reads, some of the writes through
 * a connection of its own that bypasses this process entirely (as a second app instance sharing the database would).
 * After every committed write the next read must show it: the expectations are a model kept by hand in the test
 * (initiative counts, a sum of approved values), and the cached answer must equal one computed anew.
 */

let leader: Actor;
let officer: Actor;
let ministryId: string;
let agencyId: string;
let other: pg.Client;

beforeAll(async () => {
  const ministry = await makeOrganisation("MINISTRY");
  const agency = await makeOrganisation("AGENCY", ministry.id);
  ministryId = ministry.id;
  agencyId = agency.id;
  leader = await makeActor("LEADERSHIP");
  officer = await makeActor("OFFICER", ministry.id);
  other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
});

afterAll(async () => {
  await other.end();
  await closeDb();
});

/** A small deterministic PRNG (mulberry32): the same sequence of writes and reads on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertInitiative(orgId: string, progress: number, via: "app" | "other"): Promise<string> {
  if (via === "app") {
    const i = await prisma.initiative.create({
      data: { organisationId: orgId, title: "Thử bộ đệm", status: "IN_PROGRESS", currentStage: 1, targetStage: 5, progress, createdById: leader.id, updatedById: leader.id },
    });
    return i.id;
  }
  const r = await other.query<{ id: string }>(
    `INSERT INTO initiatives (id, organisation_id, title, status, current_stage, target_stage, progress, created_by, updated_by, updated_at)
     VALUES (gen_random_uuid(), $1, 'Thử bộ đệm', 'IN_PROGRESS', 1, 5, $2, $3, $3, now()) RETURNING id::text`,
    [orgId, progress, leader.id],
  );
  return r.rows[0].id;
}

describe("dashboards served from the exact cache", () => {
  test("a second read with no write in between is the cached answer; a write makes the next read compute anew", async () => {
    clearDashboardCache();
    const period = quietPeriod();
    const a = await nationalDashboard(leader, { period });
    const b = await nationalDashboard(leader, { period });
    expect(b).toBe(a);
    expect(Object.isFrozen(a.initiatives)).toBe(true);
    await insertInitiative(ministryId, 10, "other");
    const c = await nationalDashboard(leader, { period });
    expect(c).not.toBe(a);
    expect(c.initiatives.total).toBe(a.initiatives.total + 1);
  });

  test("the version moves once per committed writing transaction, never for one rolled back", async () => {
    const v0 = BigInt(await dataVersion());
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < 3; i++) {
        await tx.initiative.create({
          data: { organisationId: agencyId, title: "Ba dòng", status: "PLANNED", currentStage: 1, targetStage: 2, progress: 0, createdById: leader.id, updatedById: leader.id },
        });
      }
    });
    const v1 = BigInt(await dataVersion());
    expect(v1).toBe(v0 + 1n);
    await other.query("BEGIN");
    await other.query(`UPDATE organisations SET name_en = name_en WHERE id = $1`, [ministryId]);
    // not committed yet: nobody else sees the bump (nor the write)
    expect(BigInt(await dataVersion())).toBe(v1);
    await other.query("ROLLBACK");
    expect(BigInt(await dataVersion())).toBe(v1);
    // a table no dashboard reads does not move it
    await prisma.user.update({ where: { id: leader.id }, data: { locale: "en" } });
    expect(BigInt(await dataVersion())).toBe(v1);
  });

  test("random writes interleaved with reads: the read after a committed write always shows it", async () => {
    clearDashboardCache();
    const period = quietPeriod();
    const random = rng(20261202);
    // the model, by hand: what the dashboards must show
    const base = await computeNationalDashboard(leader, { period });
    const baseOrg = await computeOrganisationDashboard(leader, ministryId, { period });
    let nationalTotal = base.initiatives.total;
    let subtreeTotal = baseOrg.initiatives.total;
    const live: { id: string; orgId: string }[] = [];
    let reportId: string | null = null;
    let reportVersion = 0;
    let openDatasets: number | null = null;

    const check = async (label: string) => {
      const [n, o] = await Promise.all([nationalDashboard(leader, { period }), organisationDashboard(leader, ministryId, { period })]);
      expect(n.initiatives.total, `${label}: national total`).toBe(nationalTotal);
      expect(o.initiatives.total, `${label}: ministry and agency`).toBe(subtreeTotal);
      expect(n.metrics.OPEN_DATASETS.value, `${label}: approved open datasets`).toBe(openDatasets);
      expect(o.metrics.OPEN_DATASETS.value, `${label}: the ministry's open datasets`).toBe(openDatasets);
      expect(n).toEqual(await computeNationalDashboard(leader, { period }));
      expect(o).toEqual(await computeOrganisationDashboard(leader, ministryId, { period }));
      // what the API sends: the cached JSON text, with the version read early (as the routes do)
      const [nj, oj] = await Promise.all([
        nationalDashboardJson(leader, { period }, readVersionEarly()),
        organisationDashboardJson(leader, ministryId, { period }, readVersionEarly()),
      ]);
      expect(JSON.parse(nj).initiatives.total, `${label}: national JSON`).toBe(nationalTotal);
      expect(JSON.parse(oj).metrics.OPEN_DATASETS.value, `${label}: organisation JSON`).toBe(openDatasets);
      expect(JSON.parse(nj)).toEqual(JSON.parse(JSON.stringify(await computeNationalDashboard(leader, { period }))));
      expect(JSON.parse(oj)).toEqual(JSON.parse(JSON.stringify(await computeOrganisationDashboard(leader, ministryId, { period }))));
    };

    await check("start");
    for (let step = 0; step < 40; step++) {
      const r = random();
      const via = random() < 0.5 ? "app" : "other";
      let label: string;
      if (r < 0.4) {
        const orgId = random() < 0.5 ? ministryId : agencyId;
        // the write races a read that started before it: that read may show either state, the next must show it
        const [id] = await Promise.all([insertInitiative(orgId, Math.floor(random() * 100), via), nationalDashboard(leader, { period })]);
        live.push({ id, orgId });
        nationalTotal++;
        subtreeTotal++;
        label = `step ${step}: insert (${via})`;
      } else if (r < 0.6 && live.length > 0) {
        const { id } = live.splice(Math.floor(random() * live.length), 1)[0];
        if (via === "app") await prisma.initiative.update({ where: { id }, data: { archivedAt: new Date() } });
        else await other.query(`UPDATE initiatives SET archived_at = now() WHERE id = $1`, [id]);
        nationalTotal--;
        subtreeTotal--;
        label = `step ${step}: archive (${via})`;
      } else if (reportId === null) {
        const value = 1 + Math.floor(random() * 50);
        const c = await createReport(officer, { organisationId: ministryId, period, metric: "OPEN_DATASETS", value });
        const s = await submitReport(officer, c.id, { version: c.version });
        // submitted is not approved: the figure must not move yet
        await check(`step ${step}: submitted`);
        const a = await approveReport(leader, c.id, { version: s.version });
        reportId = a.id;
        reportVersion = a.version;
        openDatasets = value;
        label = `step ${step}: approve`;
      } else {
        // a correction straight in the table, from the other connection (no app code of this process involved)
        const value = 1 + Math.floor(random() * 50);
        await other.query(`UPDATE metric_reports SET value = $2, version = version + 1 WHERE id = $1`, [reportId, value]);
        reportVersion++;
        openDatasets = value;
        label = `step ${step}: report value ${value}`;
      }
      await check(label);
      // and once more: the second read is served from the cache and must still be right
      await check(`${label}, read again`);
    }
    expect(reportVersion).toBeGreaterThan(0);
    expect(live.length).toBeGreaterThan(0);
  });

  test("two readers in parallel with a writer: no read that starts after the commit sees the old figure", async () => {
    clearDashboardCache();
    const period = quietPeriod();
    for (let round = 0; round < 10; round++) {
      const before = (await computeNationalDashboard(leader, { period })).initiatives.total;
      // warm the cache at the old version
      expect((await nationalDashboard(leader, { period })).initiatives.total).toBe(before);
      const write = insertInitiative(agencyId, round, round % 2 ? "app" : "other");
      const during = Promise.all([nationalDashboard(leader, { period }), nationalDashboard(leader, { period })]);
      await write;
      const after = await nationalDashboard(leader, { period });
      expect(after.initiatives.total).toBe(before + 1);
      for (const d of await during) expect([before, before + 1]).toContain(d.initiatives.total);
    }
  });

  test("the JSON text is made once per version and sent as it is; a version read before a commit never outlives it", async () => {
    clearDashboardCache();
    const period = quietPeriod();
    const a = await nationalDashboardJson(leader, { period });
    const b = await nationalDashboardJson(leader, { period });
    // the same string object: served from the entry, not serialised again
    expect(b).toBe(a);
    expect(JSON.parse(a)).toEqual(JSON.parse(JSON.stringify(await nationalDashboard(leader, { period }))));
    const total = JSON.parse(a).initiatives.total as number;
    // a request that read the version before a write committed may answer the old figure (it began before the
    // commit)...
    const early = readVersionEarly();
    await early;
    await insertInitiative(ministryId, 5, "other");
    expect(JSON.parse(await nationalDashboardJson(leader, { period }, early)).initiatives.total).toBe(total);
    // ...but every request that starts after the commit shows it, through either path
    expect(JSON.parse(await nationalDashboardJson(leader, { period }, readVersionEarly())).initiatives.total).toBe(total + 1);
    expect(JSON.parse(await nationalDashboardJson(leader, { period })).initiatives.total).toBe(total + 1);
    expect((await nationalDashboard(leader, { period })).initiatives.total).toBe(total + 1);
    // and a late request holding the old version does not replace the newer entry
    expect(JSON.parse(await nationalDashboardJson(leader, { period }, early)).initiatives.total).toBe(total + 1);
    expect(JSON.parse(await nationalDashboardJson(leader, { period }, readVersionEarly())).initiatives.total).toBe(total + 1);
  });
  test("the version read in the token lookup's own statement (the dashboard routes' path) gates as readVersionEarly does", async () => {
    clearDashboardCache();
    const period = quietPeriod();
    const token = newToken();
    await prisma.apiToken.create({ data: { userId: leader.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) } });
    const signIn = async () => {
      const r = await actorAndVersionFromToken(token);
      expect(r.actor.id).toBe(leader.id);
      return r.version;
    };
    const first = await signIn();
    expect(first.version).toBe(await dataVersion());
    const total = JSON.parse(await nationalDashboardJson(leader, { period }, Promise.resolve(first))).initiatives.total as number;
    // a commit from another connection (another app instance): the next request's sign-in reads the new version
    await insertInitiative(ministryId, 7, "other");
    const second = await signIn();
    expect(BigInt(second.version)).toBeGreaterThan(BigInt(first.version));
    expect(JSON.parse(await nationalDashboardJson(leader, { period }, Promise.resolve(second))).initiatives.total).toBe(total + 1);
    // the request that signed in before the commit never leaves its older answer in place of the newer one
    await nationalDashboardJson(leader, { period }, Promise.resolve(first));
    expect(JSON.parse(await nationalDashboardJson(leader, { period }, Promise.resolve(await signIn()))).initiatives.total).toBe(total + 1);
    // a revoked token reads nothing
    await prisma.apiToken.updateMany({ where: { tokenHash: hashToken(token) }, data: { revokedAt: new Date() } });
    await expect(actorAndVersionFromToken(token)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
