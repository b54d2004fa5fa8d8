import { describe, test, expect } from "vitest";
import { addDays, checkOverride, daysBetween, dueState, isOpen, isOverdue, isSubmittedLate, quarterCalendar, DEFAULT_REPORTING_SETTINGS as D } from "./calendar";

describe("quarterCalendar", () => {
  test("defaults of Decree 09/2019: data from the 15th of the month before to the 14th of the last month, due the 20th", () => {
    expect(quarterCalendar("2026-Q4", D)).toEqual({ period: "2026-Q4", dataFrom: "2026-09-15", cutOff: "2026-12-14", dueDate: "2026-12-20", overridden: false });
    expect(quarterCalendar("2026-Q2", D)).toMatchObject({ dataFrom: "2026-03-15", cutOff: "2026-06-14", dueDate: "2026-06-20" });
  });
  test("Q1 takes its data from December of the year before", () => {
    expect(quarterCalendar("2025-Q1", D)).toMatchObject({ dataFrom: "2024-12-15", cutOff: "2025-03-14", dueDate: "2025-03-20" });
  });
  test("other settings days", () => {
    expect(quarterCalendar("2024-Q3", { cutOffDay: 28, dueDay: 5 })).toMatchObject({ dataFrom: "2024-06-29", cutOff: "2024-09-28", dueDate: "2024-09-05" });
  });
  test("an override replaces both dates", () => {
    expect(quarterCalendar("2026-Q4", D, { cutOff: "2026-12-10", dueDate: "2027-01-05" })).toMatchObject({ cutOff: "2026-12-10", dueDate: "2027-01-05", overridden: true });
  });
  test("not a period throws", () => {
    expect(() => quarterCalendar("2026-Q5", D)).toThrow();
  });
});

describe("open, overdue and late, in Asia/Ho_Chi_Minh (UTC+7)", () => {
  // 2026-12-20 23:59 in Hà Nội is 16:59 UTC; 17:00 UTC is already 21 December there
  const lastMinute = new Date("2026-12-20T16:59:00Z");
  const nextDay = new Date("2026-12-20T17:00:00Z");
  test("open on the due date, closed the day after", () => {
    expect(isOpen("2026-12-20", lastMinute)).toBe(true);
    expect(isOpen("2026-12-20", nextDay)).toBe(false);
    expect(isOpen("2026-12-20", new Date("2026-12-01T00:00:00Z"))).toBe(true);
  });
  test("overdue once the due date has passed", () => {
    expect(isOverdue("2026-12-20", lastMinute)).toBe(false);
    expect(isOverdue("2026-12-20", nextDay)).toBe(true);
  });
  test("on time until the end of the due date, late after it", () => {
    expect(isSubmittedLate(lastMinute, "2026-12-20")).toBe(false);
    expect(isSubmittedLate(nextDay.toISOString(), "2026-12-20")).toBe(true);
    expect(isSubmittedLate(new Date("2020-01-01T00:00:00Z"), "2026-12-20")).toBe(false);
  });
  test("not submitted is not late", () => {
    expect(isSubmittedLate(null, "2000-03-20")).toBe(false);
  });
});

describe("due state and day arithmetic", () => {
  test("days left, 0 on the day itself, days late after", () => {
    expect(dueState("2026-12-20", new Date("2026-12-15T03:00:00Z"))).toEqual({ state: "due", daysLeft: 5 });
    expect(dueState("2026-12-20", new Date("2026-12-20T10:00:00Z"))).toEqual({ state: "due", daysLeft: 0 });
    expect(dueState("2026-12-20", new Date("2026-12-23T03:00:00Z"))).toEqual({ state: "overdue", daysLate: 3 });
    // 2026-12-22 20:00 UTC is already 23 December in Hà Nội
    expect(dueState("2026-12-20", new Date("2026-12-22T20:00:00Z"))).toEqual({ state: "overdue", daysLate: 3 });
  });
  test("across months and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2026-12-20", "2026-12-15")).toBe(-5);
  });
  test("an override must not be due before its cut-off", () => {
    expect(checkOverride({ cutOff: "2026-12-14", dueDate: "2026-12-13" })).toEqual([{ path: "dueDate", message: "must be on or after the cut-off", code: "due_before_cut_off" }]);
    expect(checkOverride({ cutOff: "2026-12-14", dueDate: "2026-12-14" })).toEqual([]);
  });
});
