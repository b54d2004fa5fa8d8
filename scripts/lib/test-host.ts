/**
 * A second machine for the browser tests, made on this one: a network namespace joined to the host by a veth pair
 * with its own small subnet (10.231.x.y/30). A browser started inside it (`ip netns exec`) reaches the app through the
 * host side's address — a real non-loopback address, plain http — exactly as a colleague opening
 * http://<server-ip>:3000 would. Everything is created by the e2e runner and removed after it; nothing else on the
 * machine's network is touched. Needs root (CAP_NET_ADMIN) and `ip`; without them the runner says why and the
 * spec is skipped.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TestHost {
  namespace: string;
  /** the address the browser inside the namespace opens (the host side of the pair) */
  hostAddress: string;
  /** the namespace side's address (the "client" the app sees) */
  clientAddress: string;
  /** an executable that runs Chromium inside the namespace (for Playwright's executablePath) */
  chromium: string;
  remove(): void;
}

function ip(args: string[]): void {
  execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });
}

/** The namespace, or the reason it cannot be made here (one sentence). */
export function createTestHost(chromiumPath: string, id: number = process.pid): TestHost | { unavailable: string } {
  if (typeof process.getuid === "function" && process.getuid() !== 0) {
    return { unavailable: "the test host (a network namespace) needs root: run the browser tests as root to include the plain-http non-loopback test" };
  }
  // a /30 of 10.231.0.0/16 chosen by the run's id, so two runs at once do not collide
  const block = id % 16384;
  const base = `10.231.${block >> 6}.${(block & 63) * 4}`;
  const [a, b, c, d] = base.split(".").map(Number);
  const hostAddress = `${a}.${b}.${c}.${d + 1}`;
  const clientAddress = `${a}.${b}.${c}.${d + 2}`;
  const namespace = `dgovt${id}`;
  const hostIf = `dgv${id}h`.slice(0, 15);
  const nsIf = `dgv${id}n`.slice(0, 15);
  const dir = mkdtempSync(path.join(os.tmpdir(), "dgov-testhost-"));
  const chromium = path.join(dir, "chromium-in-namespace");
  const remove = () => {
    try {
      ip(["netns", "del", namespace]);
    } catch {
      /* already gone */
    }
    try {
      ip(["link", "del", hostIf]);
    } catch {
      /* removed with the namespace */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    ip(["netns", "add", namespace]);
    ip(["link", "add", hostIf, "type", "veth", "peer", "name", nsIf]);
    ip(["link", "set", nsIf, "netns", namespace]);
    ip(["addr", "add", `${hostAddress}/30`, "dev", hostIf]);
    ip(["link", "set", hostIf, "up"]);
    ip(["netns", "exec", namespace, "ip", "addr", "add", `${clientAddress}/30`, "dev", nsIf]);
    ip(["netns", "exec", namespace, "ip", "link", "set", nsIf, "up"]);
    ip(["netns", "exec", namespace, "ip", "link", "set", "lo", "up"]);
  } catch (err) {
    remove();
    const detail = String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim().split("\n")[0];
    return { unavailable: `the test host (a network namespace) could not be created (${detail})` };
  }
  writeFileSync(chromium, `#!/bin/sh\nexec ip netns exec ${namespace} ${JSON.stringify(chromiumPath)} "$@"\n`);
  chmodSync(chromium, 0o755);
  return { namespace, hostAddress, clientAddress, chromium, remove };
}
