/**
 * A connection that PostgreSQL never answers in time (a loaded or stalled server): pg's connectionTimeoutMillis ends
 * the attempt with Error("timeout expired"). That is the database being unavailable (503), not a bug (500), whether
 * it reaches us straight from pg or through Prisma's adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { isDatabaseUnavailable } from "./errors";
import { errorResponse } from "@/lib/api/respond";

// accepts TCP connections and never says a word: every connection attempt to it times out
const sockets: net.Socket[] = [];
const silent = net.createServer((s) => void sockets.push(s));
let url = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  url = `postgresql://nobody:x@127.0.0.1:${(silent.address() as net.AddressInfo).port}/none`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
}

describe("a database connection timeout is 'unavailable'", () => {
  it("pg's own error (timeout expired)", async () => {
    const err = await caught(new pg.Client({ connectionString: url, connectionTimeoutMillis: 200 }).connect());
    expect((err as Error).message).toBe("timeout expired");
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it("through a pool and Prisma's adapter, and the API answers 503 unavailable", async () => {
    // as lib/server/db.ts: each client's connect timeout is short, the pool's own queue bound long
    class Client extends pg.Client {
      constructor(config?: pg.ClientConfig) {
        super({ ...config, connectionTimeoutMillis: 200 });
      }
    }
    const pool = new pg.Pool({ Client, connectionString: url, connectionTimeoutMillis: 10_000, max: 1 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    try {
      const err = await caught(prisma.user.count());
      expect(isDatabaseUnavailable(err)).toBe(true);
      const res = errorResponse(err, "req-1");
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toBe("unavailable");
    } finally {
      await prisma.$disconnect().catch(() => {});
      await pool.end().catch(() => {});
    }
  });

  it("an unrelated error is still not 'unavailable'", () => {
    expect(isDatabaseUnavailable(new Error("the operation expired its quota"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
  });
});
