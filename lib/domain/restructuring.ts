/**
 * The rules of a restructuring (spec/restructuring.md "A restructuring"): which requests are refused, whose past a
 * successor carries (lineage through historyTo) and what moves to the primary successor. Pure: lib/server loads the
 * organisations and successions, calls these, and writes set-wise in SQL.
 */
import { inForceOn, periodLastDay, type Validity } from "./validity";
import type { OrganisationKind } from "./codes";
import type { DetailParams, ValidationCode } from "@/lib/errors";

export interface SuccessionRequest {
  fromId: string;
  /** in order, the first one primary */
  toIds: string[];
  /** undefined = default (the only successor, or nobody for a split); null = nobody */
  historyTo?: string | null;
}

export interface RestructuringRequest {
  effectiveDate: string;
  successions: SuccessionRequest[];
}

export interface OrgFacts extends Validity {
  id: string;
  kind: OrganisationKind;
  /** already dissolved by an earlier restructuring */
  dissolved: boolean;
}

/** A recorded succession: from → successors (toIds), and whose figures carry its past. */
export interface SuccessionEdge {
  fromId: string;
  toIds: string[];
  historyToId: string | null;
}

/** A reason a request is refused: its field, the English message, and the machine code with its parameters. */
export interface Problem {
  path: string;
  message: string;
  code: ValidationCode;
  params?: DetailParams;
}

/** The successor whose comparable figures carry the predecessor's past (spec: defaults to the only successor). */
export function resolveHistoryTo(s: SuccessionRequest): string | null {
  if (s.historyTo === undefined) return s.toIds.length === 1 ? s.toIds[0] : null;
  return s.historyTo;
}

/** A calendar date "YYYY-MM-DD" plus n years (29 February → 28 February in a common year). */
export function addYears(date: string, n: number): string {
  const y = Number(date.slice(0, 4)) + n;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === "02-29" && !leap ? "02-28" : md}`;
}

const isAgency = (k: OrganisationKind) => k === "AGENCY";

/**
 * Every reason the request is refused (empty = acceptable), each naming its field. `orgs` holds every organisation the
 * request names (a missing id is "no such organisation"); `existing` the successions already recorded, for cycles.
 */
export function restructuringProblems(
  req: RestructuringRequest,
  orgs: ReadonlyMap<string, OrgFacts>,
  existing: readonly SuccessionEdge[],
  today: string,
): Problem[] {
  const problems: Problem[] = [];
  const d = req.effectiveDate;
  if (d > addYears(today, 1)) problems.push({ path: "effectiveDate", message: "must not be more than one year ahead", code: "too_far_ahead", params: { maximum: addYears(today, 1) } });

  const dissolvedHere = new Map<string, number>();
  req.successions.forEach((s, i) => {
    const at = `successions.${i}`;
    const first = dissolvedHere.get(s.fromId);
    if (first !== undefined) problems.push({ path: `${at}.fromId`, message: `this organisation is already dissolved by succession ${first}`, code: "dissolved_twice", params: { succession: first } });
    else dissolvedHere.set(s.fromId, i);

    const from = orgs.get(s.fromId);
    if (!from) problems.push({ path: `${at}.fromId`, message: "no such organisation", code: "no_such_organisation" });
    else if (from.dissolved) problems.push({ path: `${at}.fromId`, message: "this organisation was already dissolved by an earlier restructuring", code: "already_dissolved" });
    else if (!inForceOn(from, d)) problems.push({ path: `${at}.fromId`, message: `not in force on ${d}`, code: "organisation_not_in_force", params: { date: d } });
    else if (from.validFrom === d) problems.push({ path: `${at}.fromId`, message: `comes into force on ${d}: it cannot be dissolved the same day`, code: "starts_same_day", params: { date: d } });

    const seen = new Set<string>();
    s.toIds.forEach((toId, j) => {
      const p = `${at}.toIds.${j}`;
      if (seen.has(toId)) problems.push({ path: p, message: "listed twice", code: "duplicate_item" });
      seen.add(toId);
      if (toId === s.fromId) {
        problems.push({ path: p, message: "an organisation cannot be its own successor", code: "own_successor" });
        return;
      }
      const to = orgs.get(toId);
      if (!to) {
        problems.push({ path: p, message: "no such organisation", code: "no_such_organisation" });
        return;
      }
      if (!inForceOn(to, d)) problems.push({ path: p, message: `the successor is not in force on ${d}`, code: "successor_not_in_force", params: { date: d } });
      if (from && isAgency(from.kind) !== isAgency(to.kind)) {
        problems.push(
          isAgency(from.kind)
            ? { path: p, message: "an agency is succeeded by agencies only", code: "agency_succeeded_by_agency" }
            : { path: p, message: "a ministry or province is not succeeded by an agency", code: "not_succeeded_by_agency" },
        );
      }
    });
    const h = s.historyTo;
    if (h !== undefined && h !== null && !s.toIds.includes(h)) problems.push({ path: `${at}.historyTo`, message: "must be one of toIds", code: "history_to_not_successor" });
  });

  // A successor dissolved by the same request would be dissolved on the day it takes over: either a chain or a cycle.
  const cyclic = findCycle([...existing, ...req.successions.map((s) => ({ fromId: s.fromId, toIds: s.toIds, historyToId: null }))]);
  req.successions.forEach((s, i) => {
    s.toIds.forEach((toId, j) => {
      if (toId === s.fromId) return;
      if (cyclic.has(s.fromId) && cyclic.has(toId)) problems.push({ path: `successions.${i}.toIds.${j}`, message: "these successions form a cycle", code: "succession_cycle" });
      else if (dissolvedHere.has(toId)) problems.push({ path: `successions.${i}.toIds.${j}`, message: "this successor is dissolved by the same restructuring", code: "successor_dissolved_here" });
    });
  });
  return problems;
}

/** The organisations on a cycle of the succession graph (from → each of toIds), self-loops left out. */
export function findCycle(edges: readonly SuccessionEdge[]): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of edges) for (const t of e.toIds) if (t !== e.fromId) next.set(e.fromId, [...(next.get(e.fromId) ?? []), t]);
  const onCycle = new Set<string>();
  const state = new Map<string, 1 | 2>(); // 1 = on the path, 2 = done
  const path: string[] = [];
  const visit = (n: string) => {
    state.set(n, 1);
    path.push(n);
    for (const m of next.get(n) ?? []) {
      const s = state.get(m);
      if (s === 1) for (let k = path.lastIndexOf(m); k < path.length; k++) onCycle.add(path[k]);
      else if (s === undefined) visit(m);
    }
    path.pop();
    state.set(n, 2);
  };
  for (const n of next.keys()) if (!state.has(n)) visit(n);
  return onCycle;
}

/**
 * Every predecessor whose past an organisation's comparable figures carry: those whose historyTo is it, and
 * theirs in turn (transitively), each once, nearest first. A predecessor with historyTo null is nobody's.
 */
export function lineage(id: string, edges: readonly Pick<SuccessionEdge, "fromId" | "historyToId">[]): string[] {
  const into = new Map<string, string[]>();
  for (const e of edges) if (e.historyToId) into.set(e.historyToId, [...(into.get(e.historyToId) ?? []), e.fromId]);
  const out: string[] = [];
  const seen = new Set([id]);
  const queue = [id];
  while (queue.length) {
    for (const p of into.get(queue.shift()!) ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      out.push(p);
      queue.push(p);
    }
  }
  return out;
}

/** Direct predecessors (bodies that listed it among their successors) and successors of one organisation. */
export function neighbours(id: string, edges: readonly SuccessionEdge[]): { predecessorIds: string[]; successorIds: string[] } {
  const predecessorIds = edges.filter((e) => e.toIds.includes(id)).map((e) => e.fromId);
  const successorIds = edges.filter((e) => e.fromId === id).flatMap((e) => e.toIds);
  return { predecessorIds: [...new Set(predecessorIds)], successorIds: [...new Set(successorIds)] };
}

/* ---------- what moves to the primary successor ---------- */

const FINISHED = new Set(["COMPLETED", "CANCELLED"]);

/** An initiative moves when it is still live: not archived, not COMPLETED or CANCELLED. */
export function initiativeMoves(i: { status: string; archived: boolean }): boolean {
  return !i.archived && !FINISHED.has(i.status);
}

/** Statuses of reports that may move (the others were submitted by the body in force then, and stay). */
export const MOVABLE_REPORT_STATUSES = ["DRAFT", "REJECTED"] as const;

/**
 * A predecessor's report after its dissolution on `effectiveDate`: "stay" (it was in force for that quarter, or the
 * report is SUBMITTED/APPROVED), "move" to the primary successor, or "conflict" when the successor already has a
 * report of that metric and quarter (or another predecessor's report moves there too).
 */
export function reportFate(
  r: { status: string; period: string },
  effectiveDate: string,
  successorTaken: boolean,
): "stay" | "move" | "conflict" {
  if (!(MOVABLE_REPORT_STATUSES as readonly string[]).includes(r.status)) return "stay";
  if (periodLastDay(r.period) < effectiveDate) return "stay"; // the predecessor was in force for it
  return successorTaken ? "conflict" : "move";
}
