/**
 * Whose reports make up an organisation's figure for a quarter (spec/restructuring.md "Roll-ups across a
 * restructuring"). Pure: the server reads the successions and validities, this decides, SQL sums the reports of the
 * organisations named here (each with its agencies of that quarter).
 */
import { inForceFor, type Validity } from "./validity";

export const BASES = ["comparable", "reported"] as const;
export type Basis = (typeof BASES)[number];

/** One dissolved body of a restructuring: its successors and the one that carries its history (or nobody). */
export interface SuccessionEdge {
  fromId: string;
  toIds: readonly string[];
  historyToId: string | null;
}

export interface LineageTree {
  /** the organisation itself */
  id: string;
  /** every predecessor reached transitively through historyTo (their figures count as the organisation's) */
  predecessors: string[];
  /**
   * predecessors attributed to nobody: dissolved with the organisation (or one of its predecessors) among their
   * successors but no historyTo — and, transitively, the bodies whose history those carry
   */
  leftOut: string[];
}

/** The predecessors of `id` through historyTo, and those left out for lack of it. */
export function lineageTree(id: string, edges: readonly SuccessionEdge[]): LineageTree {
  const byHistoryTo = new Map<string, string[]>();
  for (const e of edges) {
    if (e.historyToId === null) continue;
    const list = byHistoryTo.get(e.historyToId);
    if (list) list.push(e.fromId);
    else byHistoryTo.set(e.historyToId, [e.fromId]);
  }
  const closure = (start: readonly string[], seen: Set<string>): string[] => {
    const out: string[] = [];
    const stack = [...start];
    while (stack.length) {
      const x = stack.pop()!;
      for (const p of byHistoryTo.get(x) ?? []) {
        if (seen.has(p)) continue; // a cycle cannot be recorded, but never loop on one
        seen.add(p);
        out.push(p);
        stack.push(p);
      }
    }
    return out;
  };
  const seen = new Set([id]);
  const predecessors = closure([id], seen);
  const tree = new Set([id, ...predecessors]);
  const direct = edges.filter((e) => e.historyToId === null && e.toIds.some((t) => tree.has(t)) && !seen.has(e.fromId)).map((e) => e.fromId);
  for (const d of direct) seen.add(d);
  const leftOut = [...direct, ...closure(direct, seen)];
  return { id, predecessors, leftOut };
}

export interface QuarterLineage {
  /** the organisations whose reports (each with its agencies of the quarter) make up the figure */
  lineage: string[];
  /** a predecessor in force for the quarter was left out for lack of historyTo */
  partial: boolean;
}

/**
 * For one quarter: `reported` = the organisation itself when in force; `comparable` = that and every predecessor in
 * force for the quarter. `validity` answers each organisation's validity (unknown ids count as never in force).
 */
export function quarterLineage(
  tree: LineageTree,
  period: string,
  basis: Basis,
  validity: (id: string) => Validity | undefined,
): QuarterLineage {
  const inForce = (id: string) => {
    const v = validity(id);
    return !!v && inForceFor(v, period);
  };
  if (basis === "reported") return { lineage: inForce(tree.id) ? [tree.id] : [], partial: false };
  return {
    lineage: [tree.id, ...tree.predecessors].filter(inForce),
    partial: tree.leftOut.some(inForce),
  };
}
