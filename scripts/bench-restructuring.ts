/**
 * `npm run bench:restructuring -- [--initiatives 1000000] [--keep-changes]`
 *
 * Times the 1 July 2025 provincial merger (52 provinces into 23, their agencies and every live initiative) as one
 * restructuring on the benchmark data of `npm run bench:seed` (database bench_<initiatives>): first the dry run, then
 * the real apply through lib/server/restructuring-core.ts (the code path of POST /api/v1/restructurings), rolled back
 * afterwards unless --keep-changes, so the data set stays reusable. Prints the figures for BENCHMARKS.md.
 */
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { benchDatabaseName, databaseExists, openBenchServer } from "./lib/bench-db";
import { restructuringInput, runRestructuring } from "../lib/server/restructuring-core";
import type { MovesDto } from "@/lib/dto/restructurings";

/** The sizes of the 23 merged provinces of Resolution 202/2025/QH15 (each absorbing 1 or 2 others): 52 bodies in all. */
const GROUPS = [2, 2, 2, 3, 2, 2, 2, 3, 2, 2, 2, 2, 2, 3, 2, 3, 2, 2, 3, 3, 2, 2, 2];

class Rollback extends Error {}

async function main() {
  const { values } = parseArgs({ options: { initiatives: { type: "string", default: "1000000" }, "keep-changes": { type: "boolean", default: false } }, strict: true });
  const initiatives = Number(values.initiatives!.replace(/[_,]/g, ""));
  const log = (s: string) => console.log(`[bench:restructuring] ${s}`);
  const server = await openBenchServer(log);
  try {
    const name = benchDatabaseName(initiatives);
    if (!(await databaseExists(server.serverUrl, name))) throw new Error(`${name} does not exist: run npm run bench:seed -- --initiatives ${initiatives} first`);
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: server.urlFor(name) }) });
    const provinces = await prisma.organisation.findMany({ where: { kind: "PROVINCE", validTo: null }, orderBy: { code: "asc" }, select: { id: true, code: true } });
    if (provinces.length < 52) throw new Error(`only ${provinces.length} provinces in force: the merger needs 52`);
    const successions: { fromId: string; toIds: string[] }[] = [];
    let k = 0;
    for (const size of GROUPS) {
      const [to, ...from] = provinces.slice(k, k + size);
      k += size;
      for (const f of from) successions.push({ fromId: f.id, toIds: [to.id] });
    }
    const actor = { id: "00000000-0000-4000-8000-000000000001", email: "bench@example.gov.vn" };
    // the benchmark's data has drafts up to the current quarter, which a merger dated in the past would have to move
    // onto the successors' own drafts (conflicts, refused): the merger is dated the first day of the next quarter
    const [{ d: effectiveDate }] = await prisma.$queryRaw<{ d: string }[]>`SELECT (date_trunc('quarter', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') + interval '3 months')::date::text AS d`;
    const input = (dryRun: boolean) => restructuringInput.parse({ effectiveDate, legalBasis: "Nghị quyết 202/2025/QH15", successions, dryRun });
    const live = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM initiatives WHERE archived_at IS NULL AND status NOT IN ('COMPLETED', 'CANCELLED')`;
    log(`${name}: ${initiatives.toLocaleString("en")} initiatives (${live[0].n.toLocaleString("en")} live); ${successions.length} provinces absorbed into ${GROUPS.length}`);

    let t = Date.now();
    const dry = await prisma.$transaction((tx) => runRestructuring(tx, actor, input(true)), { timeout: 600_000, maxWait: 60_000 });
    const dryMs = Date.now() - t;
    if (!dry.dryRun) throw new Error("expected a dry run");
    log(`dry run: ${dryMs} ms — would move ${JSON.stringify(dry.preview.moves)}, ${dry.preview.conflicts.length} conflicts`);

    let moves: MovesDto | undefined;
    t = Date.now();
    let applyMs = 0;
    try {
      await prisma.$transaction(
        async (tx) => {
          const r = await runRestructuring(tx, actor, input(false));
          if (!r.dryRun) moves = r.restructuring.moves;
          applyMs = Date.now() - t;
          if (!values["keep-changes"]) throw new Rollback();
        },
        { timeout: 600_000, maxWait: 60_000 },
      );
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
    log(`apply: ${applyMs} ms in one transaction (${values["keep-changes"] ? "committed" : "then rolled back"}) — moved ${JSON.stringify(moves)}`);
    await prisma.$disconnect();
  } finally {
    await server.stop().catch(() => {});
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
