/**
 * One entry point for the npm scripts that need a database:
 *   demo     embedded (or DATABASE_URL) database, migrations, demo data, production build, serve on PORT (3000)
 *   dev      the same with `next dev` (hot reload)
 *   start    production: DATABASE_URL required (never the embedded database), migrations, serve the existing build
 *            (no demo data)
 *   migrate  apply migrations          seed   demo data (first run only)
 *   e2e      a throw-away database, demo data, a production build, Playwright against it
 *   drop-embedded   stop and delete this project's embedded demo database (a fresh start)
 * With DATABASE_URL unset the embedded PostgreSQL is started and stopped cleanly on exit (scripts/lib/embedded-db.ts
 * says where it lives). Problems the person can fix are one sentence with the fix, never a stack trace.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { openDatabase, type DatabaseHandle } from "./lib/database";
import { demoClusterDir, freePort, SetupError, stopLeftoverPostmaster } from "./lib/embedded-db";
import { createTestHost } from "./lib/test-host";
import { applyMigrations } from "./lib/migrate";
import { seedDemo } from "../prisma/seed";

const mode = process.argv[2] ?? "demo";
const extraArgs = process.argv.slice(3);
const root = process.cwd();
const log = (s: string) => console.log(`[${mode}] ${s}`);

let db: DatabaseHandle | null = null;
let child: ChildProcess | null = null;
let stopping = false;

/** Signals a child's whole process group (npx → next → next-server), so nothing is left running. */
function signalGroup(p: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (p.pid) process.kill(-p.pid, signal);
  } catch {
    p.kill(signal);
  }
}

/** Starts a long-running child in its own process group (see signalGroup). */
function spawnServer(args: string[], env: NodeJS.ProcessEnv, stdio: "inherit" | ["ignore", "ignore", "inherit"] = "inherit"): ChildProcess {
  return spawn("npx", args, { stdio, env, detached: true });
}

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (child && child.exitCode === null) {
      const c = child;
      signalGroup(c, "SIGTERM");
      await new Promise((r) => {
        const timer = setTimeout(() => {
          signalGroup(c, "SIGKILL");
          r(null);
        }, 15_000);
        c.once("exit", () => {
          clearTimeout(timer);
          r(null);
        });
      });
    }
    if (db) await db.stop().catch((e) => console.error(e));
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(130));
process.on("SIGTERM", () => void shutdown(143));

/** A persistent secret for local runs (production sets AUTH_SECRET itself). */
function localSecret(): string {
  if (process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET) return (process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET)!;
  const file = path.join(root, ".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds unless the existing production build is newer than every source file. */
async function buildIfNeeded(env: NodeJS.ProcessEnv) {
  const stamp = path.join(root, env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  const sources = Math.max(...["app", "components", "lib", "messages", "prisma", "proxy.ts", "next.config.ts", "package.json"].map((p) => {
    const full = path.join(root, p);
    if (!existsSync(full)) return 0;
    return statSync(full).isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
  }));
  if (process.env.FORCE_BUILD !== "1" && existsSync(stamp) && statSync(stamp).mtimeMs > sources) {
    log("the production build is up to date");
    return;
  }
  log("building for production (next build)…");
  await run("npx", ["next", "build"], { ...env, NODE_ENV: "production" });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: "inherit", env });
    child = p;
    p.on("exit", (code, signal) => {
      child = null;
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}`));
    });
  });
}

function appEnv(url: string, port: number, production: boolean): NodeJS.ProcessEnv {
  // NEXTAUTH_URL stays unset unless given: redirects then go to the host the person used (localhost, the server's
  // address or its name), and https-only measures follow each request (lib/transport.ts)
  return {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: localSecret(),
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    NODE_ENV: production ? "production" : "development",
  };
}

/** The demo data honours INITIAL_ADMIN_* (spec/api.md "Bootstrap"): that admin is created beside the demo accounts. */
function seedOptions() {
  return { log, adminEmail: process.env.INITIAL_ADMIN_EMAIL, adminPassword: process.env.INITIAL_ADMIN_PASSWORD };
}

async function waitForHealth(port: number, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the app did not become healthy on port ${port}`);
}

function printAccounts(port: number, accounts: { role: string; email: string; password: string; organisation?: string }[]) {
  console.log("");
  console.log(`  Digital Government Tracker is running: http://localhost:${port} (or http://<this machine's address>:${port})`);
  console.log("  Demo sign-ins:");
  for (const a of accounts) console.log(`    ${a.role.padEnd(10)} ${a.email.padEnd(32)} ${a.password}${a.organisation ? `   (${a.organisation})` : ""}`);
  if (process.env.INITIAL_ADMIN_EMAIL) console.log(`    ADMIN      ${process.env.INITIAL_ADMIN_EMAIL} (INITIAL_ADMIN_PASSWORD)`);
  console.log("  Stop with Ctrl-C.");
  console.log("");
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  switch (mode) {
    case "migrate": {
      db = await openDatabase();
      const applied = await applyMigrations(db.url, log);
      log(applied.length ? `applied ${applied.join(", ")}` : "the database is up to date");
      return shutdown(0);
    }
    case "seed": {
      db = await openDatabase();
      await applyMigrations(db.url, log);
      const r = await seedDemo(db.url, seedOptions());
      log(r.seeded ? "demo data written" : "demo data already present: nothing written");
      return shutdown(0);
    }
    case "demo":
    case "dev": {
      db = await openDatabase();
      await applyMigrations(db.url, log);
      const seeded = await seedDemo(db.url, seedOptions());
      const env = appEnv(db.url, port, mode === "demo");
      if (mode === "demo") await buildIfNeeded(env);
      const args = mode === "demo" ? ["next", "start", "-p", String(port)] : ["next", "dev", "-p", String(port)];
      child = spawnServer(args, env);
      child.on("exit", (code) => void shutdown(code ?? 0));
      await waitForHealth(port, mode === "dev" ? 180_000 : 60_000);
      printAccounts(port, seeded.accounts);
      return;
    }
    case "start": {
      if (!process.env.DATABASE_URL) {
        throw new SetupError("npm start is for production and needs DATABASE_URL (a PostgreSQL connection string); it never falls back to the embedded database — set DATABASE_URL, or use `npm run demo` for a local trial.");
      }
      db = await openDatabase();
      await applyMigrations(db.url, log);
      const env = appEnv(db.url, port, true);
      child = spawnServer(["next", "start", "-p", String(port)], env);
      child.on("exit", (code) => void shutdown(code ?? 0));
      return;
    }
    case "e2e": {
      // a fresh throw-away database every run, so the browser tests never depend on leftovers
      // own data directory and ports per run, so parallel runs cannot disturb each other
      const saved = process.env.DATABASE_URL;
      delete process.env.DATABASE_URL;
      db = await openDatabase({ dataDir: `e2e-postgres-${process.pid}`, port: await freePort(), throwAway: true });
      if (saved) process.env.DATABASE_URL = saved;
      const stopDb = db.stop;
      const dataDir = db.embedded!.dataDir;
      db.stop = async () => {
        await stopDb();
        rmSync(dataDir, { recursive: true, force: true });
      };
      await applyMigrations(db.url, log);
      const seeded = await seedDemo(db.url, seedOptions());
      const e2ePort = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
      const env = appEnv(db.url, e2ePort, true);
      await buildIfNeeded(env);
      const server = spawnServer(["next", "start", "-p", String(e2ePort)], env, ["ignore", "ignore", "inherit"]);
      child = server;
      await waitForHealth(e2ePort);
      const accounts = JSON.stringify(seeded.accounts);
      // a second "machine" (network namespace) whose browser opens the app by a non-loopback address over plain
      // http: e2e/network-address.spec.ts (skipped, with this reason, where it cannot be made)
      const testHost = createTestHost(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");
      const hostEnv =
        "unavailable" in testHost
          ? { E2E_TEST_HOST_UNAVAILABLE: testHost.unavailable }
          : { E2E_TEST_HOST_URL: `http://${testHost.hostAddress}:${e2ePort}`, E2E_TEST_HOST_CHROMIUM: testHost.chromium, E2E_TEST_HOST_CLIENT: testHost.clientAddress };
      if ("unavailable" in testHost) log(`skipping the non-loopback test: ${testHost.unavailable}`);
      let code = 0;
      try {
        await new Promise<void>((resolve, reject) => {
          const pw = spawn("npx", ["playwright", "test", ...extraArgs], {
            stdio: "inherit",
            env: { ...process.env, BASE_URL: `http://localhost:${e2ePort}`, DEMO_ACCOUNTS: accounts, E2E_DATABASE_URL: db!.url, ...hostEnv },
          });
          pw.on("exit", (c) => (c === 0 ? resolve() : reject(new Error(`playwright exited with ${c}`))));
        });
      } catch (err) {
        console.error(String(err));
        code = 1;
      } finally {
        if (!("unavailable" in testHost)) testHost.remove();
      }
      child = server;
      return shutdown(code);
    }
    case "drop-embedded": {
      if (process.env.DATABASE_URL) throw new SetupError("drop-embedded deletes the embedded demo database only; DATABASE_URL is set, so there is nothing to drop here.");
      const dir = demoClusterDir();
      await stopLeftoverPostmaster(dir, log);
      rmSync(dir, { recursive: true, force: true });
      log(`removed ${dir}`);
      return shutdown(0);
    }
    default:
      console.error(`unknown mode ${mode}`);
      return shutdown(2);
  }
}

main().catch((err) => {
  // a problem the person can fix is one sentence with the fix; anything else is a bug and keeps its stack
  if (err instanceof SetupError) console.error(`[${mode}] ${err.message}`);
  else console.error(err);
  void shutdown(1);
});
