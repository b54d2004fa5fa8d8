/**
 * Issue 13, point 7, through the real route: POST /api/v1/auth/token counts attempts per client address, and a
 * client cannot pick a fresh address per attempt by sending its own X-Forwarded-For.
 */
import { describe, test, expect } from "vitest";
import { NextRequest } from "next/server";
import { PEER_HEADER } from "@/lib/transport";
import { uid } from "@/test/factories";

// a small per-address limit, and one trusted proxy, for this file (read when the environment is first parsed)
process.env.LOGIN_RATE_LIMIT_PER_IP = "3";
process.env.TRUSTED_PROXIES = "10.9.8.7, 172.16.0.0/12";

/** The header the server writes from the socket for a connection from `address` (lib/server/request-context.ts). */
const peer = (address: string) => address;

async function signIn(headers: Record<string, string>) {
  const { POST } = await import("@/app/api/v1/auth/token/route");
  const req = new NextRequest("http://localhost/api/v1/auth/token", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email: `nobody.${uid(8).toLowerCase()}@example.gov.vn`, password: "wrong-password-1" }),
  });
  return (await POST(req, { params: Promise.resolve({}) })).status;
}

const octet = () => 1 + Math.floor(Math.random() * 250);

describe("per-address sign-in limit behind X-Forwarded-For", () => {
  test("a direct client that invents an X-Forwarded-For per attempt is still one address", async () => {
    const client = `203.0.113.${octet()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await signIn({ [PEER_HEADER]: peer(client), "x-forwarded-for": `198.51.100.${i + 1}` }));
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  test("behind a trusted proxy, the address the proxy saw is the client (two clients, two counts)", async () => {
    const a = `198.18.0.${octet()}`;
    const b = `198.18.1.${octet()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await signIn({ [PEER_HEADER]: peer("10.9.8.7"), "x-forwarded-for": `6.6.6.${i}, ${a}` }));
    statuses.push(await signIn({ [PEER_HEADER]: peer("::ffff:172.20.0.3"), "x-forwarded-for": b }));
    expect(statuses).toEqual([401, 401, 401, 429, 401]);
  });

  test("no known peer: X-Forwarded-For alone is never an address (no per-address count; the per-email lock-out holds)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await signIn({ "x-forwarded-for": "203.0.113.1" }));
    expect(statuses).toEqual([401, 401, 401, 401]);
  });
});
