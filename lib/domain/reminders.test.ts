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
