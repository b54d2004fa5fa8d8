/**
 * The restructuring API's problems are English by contract (spec/api.md: the UI translates). This turns a problem's
 * path and message into keys of the "validity.problems" namespace with their values; a message it does not know is
 * kept as the API wrote it (better a clear English sentence than none).
 */

export interface Text {
  key: string;
  values?: Record<string, string | number>;
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

const DATE = "(\\d{4}-\\d{2}-\\d{2})";
const EXACT: Record<string, string> = {
  required: "required",
  "not a valid id": "chooseOrganisation",
  "use YYYY-MM-DD": "dateFormat",
  "not a real date": "dateFormat",
  "a year from 1900 to 2100": "dateRange",
  "at least one successor": "atLeastOneSuccessor",
  "at least one dissolved organisation": "atLeastOneDissolved",
  "must not be more than one year ahead": "tooFarAhead",
  "no such organisation": "noSuchOrganisation",
  "this organisation was already dissolved by an earlier restructuring": "alreadyDissolved",
  "listed twice": "listedTwice",
  "an organisation cannot be its own successor": "ownSuccessor",
  "an agency is succeeded by agencies only": "agencyToAgency",
  "a ministry or province is not succeeded by an agency": "notByAgency",
  "must be one of toIds": "historyToAmong",
  "these successions form a cycle": "cycle",
  "this successor is dissolved by the same restructuring": "successorDissolvedHere",
  "an organisation of this request was dissolved meanwhile": "dissolvedMeanwhile",
};

type Names = { org: (code: string) => string; date: (iso: string) => string; status: (s: string) => string };

const PATTERNS: [RegExp, string, (m: RegExpExecArray, n: Names) => Record<string, string | number>][] = [
  [/^this organisation is already dissolved by succession (\d+)$/, "dissolvedTwice", (m) => ({ n: Number(m[1]) + 1 })],
  [new RegExp(`^not in force on ${DATE}$`), "notInForce", (m, n) => ({ date: n.date(m[1]) })],
  [new RegExp(`^comes into force on ${DATE}: it cannot be dissolved the same day$`), "startsSameDay", (m, n) => ({ date: n.date(m[1]) })],
  [new RegExp(`^the successor is not in force on ${DATE}$`), "successorNotInForce", (m, n) => ({ date: n.date(m[1]) })],
  [
    /^(\S+) has a (\w+) (\w+) report for (\S+), and its successor (\S+) already has one/,
    "conflictTaken",
    (m, n) => ({ org: n.org(m[1]), status: n.status(m[2]), metric: m[3], period: m[4], successor: n.org(m[5]) }),
  ],
  [/^several predecessors of (\S+) have a (\w+) report for (\S+) that would move there/, "conflictShared", (m, n) => ({ successor: n.org(m[1]), metric: m[2], period: m[3] })],
  [/^initiative (.+) of (\S+) would take an external reference (\S+) already uses/, "conflictRef", (m, n) => ({ ref: m[1], org: n.org(m[2]), successor: n.org(m[3]) })],
  [/^Invalid input: expected/, "required", () => ({})],
  [/^Too big: expected string/, "tooLong", () => ({})],
];

/** The message key and values of one problem (organisation codes as names, dates as the language writes them), or null. */
export function problemMessage(message: string, names: Names): Text | null {
  if (EXACT[message]) return { key: `message.${EXACT[message]}` };
  for (const [re, key, values] of PATTERNS) {
    const m = re.exec(message);
    if (m) return { key: `message.${key}`, values: values(m, names) };
  }
  return null;
}

/** A translated "field: message" list of the API's field errors, paths in the order the API gave them. */
export function translateProblems(
  t: (key: string, values?: Record<string, string | number>) => string,
  fieldErrors: Record<string, string[]>,
  names: Names,
): { path: string; field: string; messages: string[] }[] {
  return Object.entries(fieldErrors).map(([path, msgs]) => {
    const f = problemField(path);
    return {
      path,
      field: f ? t(f.key, f.values) : path,
      messages: msgs.map((msg) => {
        const k = problemMessage(msg, names);
        return k ? t(k.key, k.values) : msg;
      }),
    };
  });
}
