/**
 * `npm run bench:seed -- [--initiatives 1000000] [--reports 100000] [--quarters N] [--seed 20261129] [--keep]`
 *
 * Writes a national-scale data set (scripts/lib/bench-data.ts) into database bench_<initiatives> of the benchmark
 * server: the embedded PostgreSQL cluster `bench-postgres` (see scripts/lib/embedded-db.ts), or BENCH_DATABASE_URL's server. The database is dropped
 * and re-created first (same seed, same data), unless --keep and it already holds data. Never touches the
 * development database.
 */
import { parseArgs } from "node:util";
import { benchDatabaseName, databaseExists, openBenchServer } from "./lib/bench-db";
import { recreateDatabase, seedBench } from "./lib/bench-data";

async function main() {
  const { values } = parseArgs({
    options: {
      initiatives: { type: "string", default: "1000000" },
      reports: { type: "string", default: "100000" },
      quarters: { type: "string" },
      seed: { type: "string", default: "20261129" },
      batch: { type: "string", default: "50000" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log("usage: npm run bench:seed -- [--initiatives N] [--reports N] [--quarters N] [--seed N] [--keep]");
    return;
  }
  const num = (s: string, name: string) => {
    const n = Number(s.replace(/[_,]/g, ""));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: a whole number`);
    return n;
  };
  const initiatives = num(values.initiatives!, "initiatives");
  const log = (s: string) => console.log(`[bench:seed] ${s}`);
  const server = await openBenchServer(log);
  const stop = async (code: number) => {
    await server.stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(130));
  process.on("SIGTERM", () => void stop(143));
  try {
    const name = benchDatabaseName(initiatives);
    if (values.keep && (await databaseExists(server.serverUrl, name))) {
      log(`${name} exists and --keep was given: nothing to do`);
      return stop(0);
    }
    log(`(re)creating database ${name}`);
    const url = await recreateDatabase(server.serverUrl, name);
    const r = await seedBench(url, {
      initiatives,
      reports: num(values.reports!, "reports"),
      quarters: values.quarters ? num(values.quarters, "quarters") : undefined,
      seed: num(values.seed!, "seed"),
      batch: num(values.batch!, "batch"),
      log,
    });
    log(
      `done in ${r.seconds.toFixed(1)} s: ${r.organisations} organisations, ${r.initiatives.toLocaleString("en")} initiatives, ` +
        `${r.links.toLocaleString("en")} block links, ${r.reports.toLocaleString("en")} reports (${r.firstPeriod} .. ${r.lastPeriod})`,
    );
    return stop(0);
  } catch (err) {
    console.error(err);
    return stop(1);
  }
}

void main();
