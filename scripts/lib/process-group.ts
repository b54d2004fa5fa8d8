import type { ChildProcess } from "node:child_process";

/**
 * Signals a child's whole process group: `npx next start` is npx → node next → next-server, and a signal to npx alone
 * left the next-server running after a benchmark ended. The child must be spawned `detached`, so it leads its own group.
 * Never by name: only what this process started.
 */
export function killGroup(p: ChildProcess, signal: NodeJS.Signals) {
  if (p.pid === undefined) return;
  try {
    process.kill(-p.pid, signal);
  } catch {
    /* the group is gone already */
  }
}
