/**
 * The restructuring API's problems in the UI's language: each detail (and each conflict of a preview) carries a
 * machine `code` with its `params` (lib/domain/restructuring.ts, lib/server/restructuring-core.ts). This maps the
 * codes a restructuring raises to keys of the "validity.problems" namespace, whose texts name organisations by name
 * and dates as the language writes them; any other code reads through the shared "validation" texts
 * (lib/api-client/error-text.ts). The English `message` is never read.
 */
import type { DetailParams } from "@/lib/errors";

export interface Text {
  key: string;
  values?: Record<string, string | number>;
}

/** What this module reads of a detail or a conflict. */
export interface CodedProblem {
  path?: string;
  code?: string;
  params?: DetailParams;
}

/** The field a path names: "successions.0.toIds.1" → body 1, successor 2. */
export function problemField(path: string): Text | null {
  let m: RegExpExecArray | null;
  if ((m = /^successions\.(\d+)\.fromId$/.exec(path))) return { key: "field.from", values: { n: Number(m[1]) + 1 } };
  if ((m = /^successions\.(\d+)\.toIds(?:\.(\d+))?$/.exec(path))) return { key: "field.to", values: { n: Number(m[1]) + 1, m: Number(m[2] ?? 0) + 1 } };
  if ((m = /^successions\.(\d+)\.historyTo$/.exec(path))) return { key: "field.historyTo", values: { n: Number(m[1]) + 1 } };
  if ((m = /^successions\.(\d+)$/.exec(path))) return { key: "field.succession", values: { n: Number(m[1]) + 1 } };
  if ((m = /^conflicts\.(\d+)$/.exec(path))) return { key: "field.conflict", values: { n: Number(m[1]) + 1 } };
  if (["effectiveDate", "legalBasis", "note", "successions"].includes(path)) return { key: `field.${path}` };
  return null;
}

export type Names = { org: (code: string) => string; date: (iso: string) => string; status: (s: string) => string };

/** The restructuring's own codes → their "validity.problems.message" key (values from the params). */
const BY_CODE: Record<string, (p: Record<string, string>, n: Names) => Text | null> = {
  required: () => ({ key: "required" }),
  date_not_real: () => ({ key: "dateFormat" }),
  year_out_of_range: () => ({ key: "dateRange" }),
  too_far_ahead: () => ({ key: "tooFarAhead" }),
  dissolved_twice: (p) => ({ key: "dissolvedTwice", values: { n: Number(p.succession) + 1 } }),
  no_such_organisation: () => ({ key: "noSuchOrganisation" }),
  already_dissolved: () => ({ key: "alreadyDissolved" }),
  organisation_not_in_force: (p, n) => (p.date ? { key: "notInForce", values: { date: n.date(p.date) } } : null),
  starts_same_day: (p, n) => ({ key: "startsSameDay", values: { date: n.date(p.date) } }),
  duplicate_item: () => ({ key: "listedTwice" }),
  own_successor: () => ({ key: "ownSuccessor" }),
  successor_not_in_force: (p, n) => ({ key: "successorNotInForce", values: { date: n.date(p.date) } }),
  agency_succeeded_by_agency: () => ({ key: "agencyToAgency" }),
  not_succeeded_by_agency: () => ({ key: "notByAgency" }),
  history_to_not_successor: () => ({ key: "historyToAmong" }),
  succession_cycle: () => ({ key: "cycle" }),
  successor_dissolved_here: () => ({ key: "successorDissolvedHere" }),
  dissolved_meanwhile: () => ({ key: "dissolvedMeanwhile" }),
  report_conflict_taken: (p, n) => ({
    key: "conflictTaken",
    values: { org: n.org(p.organisation), status: n.status(p.status), metric: p.metric, period: p.period, successor: n.org(p.successor) },
  }),
  report_conflict_shared: (p, n) => ({ key: "conflictShared", values: { successor: n.org(p.successor), metric: p.metric, period: p.period } }),
  external_ref_conflict: (p, n) => ({ key: "conflictRef", values: { ref: p.externalRef, org: n.org(p.organisation), successor: n.org(p.successor) } }),
};

const ORGANISATION_PATH = /^successions\.\d+\.(fromId|toIds\.\d+|historyTo)$/;

/** zod's checks of the request, by where they are: a bad id is "choose an organisation", a short list says what is missing. */
function schemaText(d: CodedProblem): Text | null {
  const path = d.path ?? "";
  if (d.code === "invalid_format" || d.code === "invalid_type") {
    if (ORGANISATION_PATH.test(path)) return { key: "chooseOrganisation" };
    if (path === "effectiveDate") return { key: d.code === "invalid_type" ? "required" : "dateFormat" };
    if (d.code === "invalid_type") return { key: "required" };
  }
  if (d.code === "too_small") {
    if (path === "successions") return { key: "atLeastOneDissolved" };
    if (/^successions\.\d+\.toIds$/.test(path)) return { key: "atLeastOneSuccessor" };
    if (d.params?.origin === "string") return { key: "required" };
  }
  if (d.code === "too_big" && d.params?.origin === "string") return { key: "tooLong" };
  return null;
}

/** The "validity.problems" key and values of one problem by its code (organisation codes as names), or null. */
export function problemMessage(d: CodedProblem, names: Names): Text | null {
  const by = d.code ? BY_CODE[d.code] : undefined;
  const params = Object.fromEntries(Object.entries(d.params ?? {}).map(([k, v]) => [k, String(v)]));
  const text = by ? by(params, names) : schemaText(d);
  return text ? { key: `message.${text.key}`, ...(text.values ? { values: text.values } : {}) } : null;
}

/**
 * A translated "field: messages" list of the API's details, paths in the order the API gave them; `t` is scoped to
 * "validity.problems", `fallback` words a code that is not the restructuring's own (the "validation" texts).
 */
export function translateProblems<D extends CodedProblem & { path: string }>(
  t: (key: string, values?: Record<string, string | number>) => string,
  details: readonly D[],
  names: Names,
  fallback: (d: D) => string,
): { path: string; field: string; messages: string[] }[] {
  const byPath = new Map<string, string[]>();
  for (const d of details) {
    const k = problemMessage(d, names);
    const text = k ? t(k.key, k.values) : fallback(d);
    const list = byPath.get(d.path) ?? [];
    if (!list.includes(text)) list.push(text);
    byPath.set(d.path, list);
  }
  return [...byPath].map(([path, messages]) => {
    const f = problemField(path);
    return { path, field: f ? t(f.key, f.values) : path, messages };
  });
}
