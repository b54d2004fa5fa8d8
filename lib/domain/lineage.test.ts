import { describe, expect, test } from "vitest";
import { lineageTree, quarterLineage, type SuccessionEdge } from "./lineage";
import type { Validity } from "./validity";

const always: Validity = { validFrom: null, validTo: null };
const until = (validTo: string): Validity => ({ validFrom: null, validTo });
const from = (validFrom: string): Validity => ({ validFrom, validTo: null });

describe("lineage (spec/restructuring.md)", () => {
  // A and B merged into C on 2025-07-01; C's history includes both
  const merge: SuccessionEdge[] = [
    { fromId: "A", toIds: ["C"], historyToId: "C" },
    { fromId: "B", toIds: ["C"], historyToId: "C" },
  ];
  const v1: Record<string, Validity> = { A: until("2025-07-01"), B: until("2025-07-01"), C: from("2025-07-01") };

  test("a merge: the successor's comparable figure is its predecessors before, itself after", () => {
    const tree = lineageTree("C", merge);
    expect(tree.predecessors.sort()).toEqual(["A", "B"]);
    expect(tree.leftOut).toEqual([]);
    const q2 = quarterLineage(tree, "2025-Q2", "comparable", (id) => v1[id]);
    expect(q2.lineage.sort()).toEqual(["A", "B"]);
    expect(q2.partial).toBe(false);
    expect(quarterLineage(tree, "2025-Q3", "comparable", (id) => v1[id])).toEqual({ lineage: ["C"], partial: false });
  });

  test("the reported basis is the organisation alone, nobody before it existed", () => {
    const tree = lineageTree("C", merge);
    expect(quarterLineage(tree, "2025-Q2", "reported", (id) => v1[id])).toEqual({ lineage: [], partial: false });
    expect(quarterLineage(tree, "2025-Q3", "reported", (id) => v1[id])).toEqual({ lineage: ["C"], partial: false });
  });

  test("an absorbing body counts itself and the absorbed one before the date", () => {
    const tree = lineageTree("C", [{ fromId: "A", toIds: ["C"], historyToId: "C" }]);
    const v = { A: until("2025-07-01"), C: always };
    expect(quarterLineage(tree, "2025-Q2", "comparable", (id) => v[id as "A"]).lineage).toEqual(["C", "A"]);
  });

  test("a split without historyTo leaves the past to nobody and says so", () => {
    const split: SuccessionEdge[] = [{ fromId: "S", toIds: ["T1", "T2"], historyToId: null }];
    const v = { S: until("2025-03-01"), T1: always, T2: from("2025-03-01") };
    const t1 = lineageTree("T1", split);
    expect(t1).toEqual({ id: "T1", predecessors: [], leftOut: ["S"] });
    expect(quarterLineage(t1, "2024-Q4", "comparable", (id) => v[id as "S"])).toEqual({ lineage: ["T1"], partial: true });
    // 2025-Q1 ends on 31 March, after S was dissolved: nobody is left out that quarter
    expect(quarterLineage(t1, "2025-Q1", "comparable", (id) => v[id as "S"])).toEqual({ lineage: ["T1"], partial: false });
    expect(quarterLineage(lineageTree("T2", split), "2024-Q4", "comparable", (id) => v[id as "S"])).toEqual({ lineage: [], partial: true });
  });

  test("a split with historyTo: the named successor carries the past, the other does not and is not partial", () => {
    const split: SuccessionEdge[] = [{ fromId: "U", toIds: ["V", "W"], historyToId: "V" }];
    const v = { U: until("2025-03-01"), V: always, W: always };
    expect(quarterLineage(lineageTree("V", split), "2024-Q4", "comparable", (id) => v[id as "U"])).toEqual({ lineage: ["V", "U"], partial: false });
    expect(quarterLineage(lineageTree("W", split), "2024-Q4", "comparable", (id) => v[id as "U"])).toEqual({ lineage: ["W"], partial: false });
  });

  test("transitively: a rename after a merge carries both", () => {
    // P1 and P2 merged into Q on 2024-01-01, Q renamed R on 2025-01-01; X split into R and Y without history in 2023
    const edges: SuccessionEdge[] = [
      { fromId: "P1", toIds: ["Q"], historyToId: "Q" },
      { fromId: "P2", toIds: ["Q"], historyToId: "Q" },
      { fromId: "Q", toIds: ["R"], historyToId: "R" },
      { fromId: "X", toIds: ["P1", "Y"], historyToId: null },
    ];
    const v: Record<string, Validity> = {
      X: until("2023-01-01"),
      P1: { validFrom: "2023-01-01", validTo: "2024-01-01" },
      P2: until("2024-01-01"),
      Q: { validFrom: "2024-01-01", validTo: "2025-01-01" },
      R: from("2025-01-01"),
      Y: from("2023-01-01"),
    };
    const tree = lineageTree("R", edges);
    expect(tree.predecessors.sort()).toEqual(["P1", "P2", "Q"]);
    expect(tree.leftOut).toEqual(["X"]);
    expect(quarterLineage(tree, "2023-Q2", "comparable", (id) => v[id]).lineage.sort()).toEqual(["P1", "P2"]);
    expect(quarterLineage(tree, "2024-Q2", "comparable", (id) => v[id])).toEqual({ lineage: ["Q"], partial: false });
    // before X split, P1 did not exist yet: P2 counts, X (attributed to nobody) is left out
    expect(quarterLineage(tree, "2022-Q4", "comparable", (id) => v[id])).toEqual({ lineage: ["P2"], partial: true });
  });
});
