import { describe, test, expect } from "vitest";
import {
  addYears,
  findCycle,
  initiativeMoves,
  lineage,
  neighbours,
  reportFate,
  resolveHistoryTo,
  restructuringProblems,
  type OrgFacts,
  type SuccessionEdge,
} from "./restructuring";

const org = (id: string, over: Partial<OrgFacts> = {}): OrgFacts => ({ id, kind: "PROVINCE", validFrom: null, validTo: null, dissolved: false, ...over });
const orgs = (...list: OrgFacts[]) => new Map(list.map((o) => [o.id, o]));
const TODAY = "2025-06-15";
const paths = (p: { path: string }[]) => p.map((x) => x.path);

describe("restructuringProblems", () => {
  const base = orgs(org("A"), org("B"), org("C", { validFrom: "2025-07-01" }), org("M", { kind: "MINISTRY" }), org("G", { kind: "AGENCY" }));

  test("a plain merge is acceptable", () => {
    const req = { effectiveDate: "2025-07-01", successions: [{ fromId: "A", toIds: ["C"] }, { fromId: "B", toIds: ["C"] }] };
    expect(restructuringProblems(req, base, [], TODAY)).toEqual([]);
  });

  test("an absorption into an existing body in force is acceptable; a ministry may absorb a province", () => {
    const req = { effectiveDate: "2025-07-01", successions: [{ fromId: "A", toIds: ["B"] }, { fromId: "M", toIds: ["B"] }] };
    expect(restructuringProblems(req, base, [], TODAY)).toEqual([]);
  });

  test("every problem is listed, each at its field", () => {
    const req = {
      effectiveDate: "2025-03-01",
      successions: [
        { fromId: "A", toIds: ["C"] }, // C not in force on 2025-03-01
        { fromId: "B", toIds: ["B"] }, // own successor
        { fromId: "X", toIds: ["A", "A"] }, // unknown predecessor, listed twice, and A is dissolved here
        { fromId: "M", toIds: ["G"], historyTo: "A" }, // ministry → agency, historyTo not among toIds
      ],
    };
    const p = restructuringProblems(req, base, [], TODAY);
    expect(paths(p).sort()).toEqual(
      [
        "successions.0.toIds.0",
        "successions.1.toIds.0",
        "successions.2.fromId",
        "successions.2.toIds.0",
        "successions.2.toIds.1",
        "successions.2.toIds.1",
        "successions.3.toIds.0",
        "successions.3.historyTo",
      ].sort(),
    );
    expect(p.find((x) => x.path === "successions.1.toIds.0")).toMatchObject({ message: expect.stringMatching(/own successor/), code: "own_successor" });
    expect(p.find((x) => x.path === "successions.3.toIds.0")).toMatchObject({ message: expect.stringMatching(/agency/), code: "not_succeeded_by_agency" });
    expect(p.find((x) => x.path === "successions.3.historyTo")?.code).toBe("history_to_not_successor");
  });

  test("a predecessor not in force on the date, one dissolved before, one dissolved twice in the request", () => {
    const o = orgs(org("A", { validTo: "2024-01-01", dissolved: true }), org("B", { validFrom: "2026-01-01" }), org("D"), org("E"));
    const req = {
      effectiveDate: "2025-07-01",
      successions: [
        { fromId: "A", toIds: ["E"] },
        { fromId: "B", toIds: ["E"] },
        { fromId: "D", toIds: ["E"] },
        { fromId: "D", toIds: ["E"] },
      ],
    };
    const p = restructuringProblems(req, o, [], TODAY);
    expect(paths(p)).toEqual(["successions.0.fromId", "successions.1.fromId", "successions.3.fromId"]);
    expect(p[0]).toMatchObject({ message: expect.stringMatching(/already dissolved/), code: "already_dissolved" });
    expect(p[1]).toMatchObject({ message: expect.stringMatching(/not in force/), code: "organisation_not_in_force", params: { date: "2025-07-01" } });
    expect(p[2]).toMatchObject({ message: expect.stringMatching(/already dissolved by succession 2/), code: "dissolved_twice", params: { succession: 2 } });
  });

  test("a body cannot be dissolved on the day it comes into force", () => {
    const p = restructuringProblems({ effectiveDate: "2025-07-01", successions: [{ fromId: "C", toIds: ["A"] }] }, base, [], TODAY);
    expect(paths(p)).toEqual(["successions.0.fromId"]);
    expect(p[0]).toMatchObject({ code: "starts_same_day", params: { date: "2025-07-01" } });
  });

  test("an agency is succeeded by agencies, and the other way round", () => {
    const o = orgs(org("G", { kind: "AGENCY" }), org("H", { kind: "AGENCY" }), org("P"));
    expect(restructuringProblems({ effectiveDate: "2025-01-01", successions: [{ fromId: "G", toIds: ["H"] }] }, o, [], TODAY)).toEqual([]);
    expect(paths(restructuringProblems({ effectiveDate: "2025-01-01", successions: [{ fromId: "G", toIds: ["P"] }] }, o, [], TODAY))).toEqual(["successions.0.toIds.0"]);
    expect(paths(restructuringProblems({ effectiveDate: "2025-01-01", successions: [{ fromId: "P", toIds: ["H"] }] }, o, [], TODAY))).toEqual(["successions.0.toIds.0"]);
  });

  test("successions forming a cycle are refused, inside the request and with recorded ones", () => {
    const inside = restructuringProblems({ effectiveDate: "2025-07-01", successions: [{ fromId: "A", toIds: ["B"] }, { fromId: "B", toIds: ["A"] }] }, base, [], TODAY);
    expect(inside.map((p) => p.message)).toEqual(["these successions form a cycle", "these successions form a cycle"]);
    expect(inside.map((p) => p.code)).toEqual(["succession_cycle", "succession_cycle"]);
    const recorded: SuccessionEdge[] = [{ fromId: "B", toIds: ["A"], historyToId: "A" }];
    const o = orgs(org("A"), org("B", { validTo: "2026-01-01" }));
    const across = restructuringProblems({ effectiveDate: "2025-07-01", successions: [{ fromId: "A", toIds: ["B"] }] }, o, recorded, TODAY);
    expect(across.map((p) => p.message)).toEqual(["these successions form a cycle"]);
  });

  test("a chain inside one request (A → B while B is dissolved too) is refused", () => {
    const o = orgs(org("A"), org("B"), org("E"));
    const p = restructuringProblems({ effectiveDate: "2025-07-01", successions: [{ fromId: "A", toIds: ["B"] }, { fromId: "B", toIds: ["E"] }] }, o, [], TODAY);
    expect(p).toEqual([{ path: "successions.0.toIds.0", message: "this successor is dissolved by the same restructuring", code: "successor_dissolved_here" }]);
  });

  test("the effective date: any calendar date up to one year ahead", () => {
    const req = (effectiveDate: string) => ({ effectiveDate, successions: [{ fromId: "A", toIds: ["B"] }] });
    expect(restructuringProblems(req("2026-06-15"), base, [], TODAY)).toEqual([]);
    expect(restructuringProblems(req("1990-03-01"), base, [], TODAY)).toEqual([]);
    expect(restructuringProblems(req("2026-06-16"), base, [], TODAY)).toEqual([
      { path: "effectiveDate", message: "must not be more than one year ahead", code: "too_far_ahead", params: { maximum: "2026-06-15" } },
    ]);
  });
});

describe("historyTo, lineage, neighbours", () => {
  test("historyTo defaults to the only successor, and to nobody for a split; null means nobody", () => {
    expect(resolveHistoryTo({ fromId: "A", toIds: ["C"] })).toBe("C");
    expect(resolveHistoryTo({ fromId: "A", toIds: ["C", "D"] })).toBeNull();
    expect(resolveHistoryTo({ fromId: "A", toIds: ["C", "D"], historyTo: "D" })).toBe("D");
    expect(resolveHistoryTo({ fromId: "A", toIds: ["C"], historyTo: null })).toBeNull();
  });

  test("lineage follows historyTo transitively and skips predecessors attributed to nobody", () => {
    // TTH → HUE (rename); HUE + X → Y (merge); S split into Y and Z without history
    const edges = [
      { fromId: "TTH", historyToId: "HUE" },
      { fromId: "HUE", historyToId: "Y" },
      { fromId: "X", historyToId: "Y" },
      { fromId: "S", historyToId: null },
    ];
    expect(lineage("Y", edges)).toEqual(["HUE", "X", "TTH"]);
    expect(lineage("HUE", edges)).toEqual(["TTH"]);
    expect(lineage("Z", edges)).toEqual([]);
  });

  test("neighbours are the direct successions, whatever historyTo says", () => {
    const edges: SuccessionEdge[] = [
      { fromId: "S", toIds: ["Y", "Z"], historyToId: null },
      { fromId: "X", toIds: ["Y"], historyToId: "Y" },
    ];
    expect(neighbours("Y", edges)).toEqual({ predecessorIds: ["S", "X"], successorIds: [] });
    expect(neighbours("S", edges)).toEqual({ predecessorIds: [], successorIds: ["Y", "Z"] });
  });

  test("findCycle names the bodies on a cycle only", () => {
    const c = findCycle([
      { fromId: "A", toIds: ["B"], historyToId: null },
      { fromId: "B", toIds: ["C"], historyToId: null },
      { fromId: "C", toIds: ["A"], historyToId: null },
      { fromId: "D", toIds: ["A"], historyToId: null },
    ]);
    expect([...c].sort()).toEqual(["A", "B", "C"]);
  });

  test("addYears keeps the day, 29 February becomes 28 February", () => {
    expect(addYears("2025-07-01", 1)).toBe("2026-07-01");
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
  });
});

describe("what moves", () => {
  test("live initiatives move; archived, completed and cancelled ones stay", () => {
    expect(initiativeMoves({ status: "IN_PROGRESS", archived: false })).toBe(true);
    expect(initiativeMoves({ status: "PLANNED", archived: false })).toBe(true);
    expect(initiativeMoves({ status: "ON_HOLD", archived: false })).toBe(true);
    expect(initiativeMoves({ status: "COMPLETED", archived: false })).toBe(false);
    expect(initiativeMoves({ status: "CANCELLED", archived: false })).toBe(false);
    expect(initiativeMoves({ status: "IN_PROGRESS", archived: true })).toBe(false);
  });

  test("reports: drafts and rejected ones of quarters after the date move, unless the successor has one", () => {
    // dissolved on 2025-07-01: in force for 2025-Q2, not for 2025-Q3
    expect(reportFate({ status: "DRAFT", period: "2025-Q2" }, "2025-07-01", false)).toBe("stay");
    expect(reportFate({ status: "DRAFT", period: "2025-Q3" }, "2025-07-01", false)).toBe("move");
    expect(reportFate({ status: "REJECTED", period: "2025-Q3" }, "2025-07-01", false)).toBe("move");
    expect(reportFate({ status: "DRAFT", period: "2025-Q3" }, "2025-07-01", true)).toBe("conflict");
    expect(reportFate({ status: "APPROVED", period: "2025-Q3" }, "2025-07-01", false)).toBe("stay");
    expect(reportFate({ status: "SUBMITTED", period: "2025-Q3" }, "2025-07-01", true)).toBe("stay");
    // dissolved on 1 March: not in force for Q1 (its last day is after the date)
    expect(reportFate({ status: "DRAFT", period: "2025-Q1" }, "2025-03-01", false)).toBe("move");
  });
});
