import { describe, expect, test } from "vitest";
import { dueQuarter } from "./reminders";

describe("the quarter a reporting screen opens on", () => {
  // default calendar: due on the 20th of the quarter's last month
  const cal = [
    { period: "2026-Q3", dueDate: "2026-09-20" },
    { period: "2026-Q4", dueDate: "2026-12-20" },
  ];
  test("the current quarter while its due date is ahead", () => {
    expect(dueQuarter(cal, "2026-12-02")).toBe("2026-Q4");
    expect(dueQuarter(cal, "2026-12-20")).toBe("2026-Q4");
  });
  test("past every due date: the newest quarter, now overdue", () => {
    expect(dueQuarter(cal, "2026-12-21")).toBe("2026-Q4");
  });
  test("an override that extends the previous quarter into this one comes first", () => {
    expect(dueQuarter([{ period: "2026-Q3", dueDate: "2026-10-15" }, cal[1]], "2026-10-03")).toBe("2026-Q3");
    expect(dueQuarter([{ period: "2026-Q3", dueDate: "2026-10-15" }, cal[1]], "2026-10-16")).toBe("2026-Q4");
  });
  test("order of the input does not matter", () => {
    expect(dueQuarter([cal[1], cal[0]], "2026-09-01")).toBe("2026-Q3");
  });
});

import { remindersOn, type BodyStatus } from "./reminders";

describe("who is reminded of what, when", () => {
  // Q3 2025, due 2025-09-20 by default; province A reported 2 of 5, B everything, C nothing
  const q3 = { period: "2025-Q3", dueDate: "2025-09-20" };
  const bodies: BodyStatus[] = [
    { organisationId: "A", validFrom: null, validTo: null, reported: 2, officers: ["a1", "a2"] },
    { organisationId: "B", validFrom: null, validTo: null, reported: 5, officers: ["b1"] },
    { organisationId: "C", validFrom: null, validTo: null, reported: 0, officers: ["c1"] },
  ];
  const short = (r: ReturnType<typeof remindersOn>) => r.map((x) => `${x.kind} ${x.userId} ${x.dedupeKey}${x.days !== undefined ? ` days=${x.days}` : ""}${x.missing !== undefined ? ` missing=${x.missing}` : ""}`);

  test("nothing 8 days before, nor between the 7- and 1-day reminders on a day a run already covered", () => {
    expect(remindersOn("2025-09-12", q3, bodies, ["L"], 5)).toEqual([]);
  });
  test("7 days before: the officers of the bodies still missing reports", () => {
    expect(short(remindersOn("2025-09-13", q3, bodies, ["L"], 5))).toEqual([
      "REPORT_DUE_SOON a1 REPORT_DUE_SOON:2025-Q3:7:A days=7 missing=3",
      "REPORT_DUE_SOON a2 REPORT_DUE_SOON:2025-Q3:7:A days=7 missing=3",
      "REPORT_DUE_SOON c1 REPORT_DUE_SOON:2025-Q3:7:C days=7 missing=5",
    ]);
  });
  test("a run that missed the 7th day catches up with the same key (so at most one 7-day reminder)", () => {
    expect(short(remindersOn("2025-09-16", q3, bodies, ["L"], 5))[0]).toBe("REPORT_DUE_SOON a1 REPORT_DUE_SOON:2025-Q3:7:A days=4 missing=3");
  });
  test("1 day before and on the due date: the 1-day reminder", () => {
    expect(short(remindersOn("2025-09-19", q3, bodies, ["L"], 5))[2]).toBe("REPORT_DUE_SOON c1 REPORT_DUE_SOON:2025-Q3:1:C days=1 missing=5");
    expect(short(remindersOn("2025-09-20", q3, bodies, ["L"], 5))[2]).toBe("REPORT_DUE_SOON c1 REPORT_DUE_SOON:2025-Q3:1:C days=0 missing=5");
  });
  test("the day after: overdue to the officers, and the day's digest to every leader", () => {
    expect(short(remindersOn("2025-09-21", q3, bodies, ["L1", "L2"], 5))).toEqual([
      "REPORT_OVERDUE a1 REPORT_OVERDUE:2025-Q3:A missing=3",
      "REPORT_OVERDUE a2 REPORT_OVERDUE:2025-Q3:A missing=3",
      "REPORT_OVERDUE c1 REPORT_OVERDUE:2025-Q3:C missing=5",
      "OVERDUE_DIGEST L1 OVERDUE_DIGEST:2025-Q3:2025-09-21",
      "OVERDUE_DIGEST L2 OVERDUE_DIGEST:2025-Q3:2025-09-21",
    ]);
    expect(remindersOn("2025-09-21", q3, bodies, ["L1"], 5).find((r) => r.kind === "OVERDUE_DIGEST")!.organisations).toEqual(["A", "C"]);
  });
  test("the digest comes daily for 30 days (a new key each day); the overdue reminder's key stays, caught up for 7 days", () => {
    // 2025-09-27 is the 7th day after the due date, 2025-09-28 the 8th
    expect(short(remindersOn("2025-09-27", q3, bodies, ["L"], 5))).toEqual([
      "REPORT_OVERDUE a1 REPORT_OVERDUE:2025-Q3:A missing=3",
      "REPORT_OVERDUE a2 REPORT_OVERDUE:2025-Q3:A missing=3",
      "REPORT_OVERDUE c1 REPORT_OVERDUE:2025-Q3:C missing=5",
      "OVERDUE_DIGEST L OVERDUE_DIGEST:2025-Q3:2025-09-27",
    ]);
    expect(short(remindersOn("2025-09-28", q3, bodies, ["L"], 5))).toEqual(["OVERDUE_DIGEST L OVERDUE_DIGEST:2025-Q3:2025-09-28"]);
    expect(short(remindersOn("2025-10-20", q3, bodies, ["L"], 5))).toEqual(["OVERDUE_DIGEST L OVERDUE_DIGEST:2025-Q3:2025-10-20"]);
    expect(remindersOn("2025-10-21", q3, bodies, ["L"], 5)).toEqual([]);
  });
  test("no digest when every body has reported", () => {
    expect(remindersOn("2025-09-21", q3, [bodies[1]], ["L"], 5)).toEqual([]);
  });
  test("a calendar override moves every reminder with the due date", () => {
    const extended = { period: "2025-Q3", dueDate: "2025-10-05" };
    expect(remindersOn("2025-09-13", extended, bodies, ["L"], 5)).toEqual([]);
    expect(short(remindersOn("2025-09-28", extended, bodies, ["L"], 5))[0]).toBe("REPORT_DUE_SOON a1 REPORT_DUE_SOON:2025-Q3:7:A days=7 missing=3");
    expect(short(remindersOn("2025-10-06", extended, bodies, ["L"], 5))[0]).toBe("REPORT_OVERDUE a1 REPORT_OVERDUE:2025-Q3:A missing=3");
  });
  test("across the 1 July 2025 merger: the dissolved province is not expected for Q3, its successor is, with the officers moved there", () => {
    // Hà Giang (HG) dissolved on 2025-07-01 into Tuyên Quang (TQ); HG's officer h1 now belongs to TQ
    const merged: BodyStatus[] = [
      { organisationId: "HG", validFrom: null, validTo: "2025-07-01", reported: 0, officers: [] },
      { organisationId: "TQ", validFrom: null, validTo: null, reported: 1, officers: ["t1", "h1"] },
    ];
    expect(short(remindersOn("2025-09-13", q3, merged, ["L"], 5))).toEqual([
      "REPORT_DUE_SOON t1 REPORT_DUE_SOON:2025-Q3:7:TQ days=7 missing=4",
      "REPORT_DUE_SOON h1 REPORT_DUE_SOON:2025-Q3:7:TQ days=7 missing=4",
    ]);
    // for Q2 (due 2025-06-20, before the merger) HG was still expected
    const q2 = { period: "2025-Q2", dueDate: "2025-06-20" };
    const before: BodyStatus[] = [{ ...merged[0], officers: ["h1"] }, { ...merged[1], officers: ["t1"], reported: 5 }];
    expect(short(remindersOn("2025-06-19", q2, before, ["L"], 5))).toEqual(["REPORT_DUE_SOON h1 REPORT_DUE_SOON:2025-Q2:1:HG days=1 missing=5"]);
    // a body that only starts on the quarter's last day or later: a new province from 2025-10-01 is not expected for Q3
    expect(remindersOn("2025-09-13", q3, [{ organisationId: "N", validFrom: "2025-10-01", validTo: null, reported: 0, officers: ["n1"] }], [], 5)).toEqual([]);
  });
});
