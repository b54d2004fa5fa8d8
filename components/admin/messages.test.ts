import { describe, expect, test } from "vitest";
import { validFromError } from "./messages";

describe("validFrom problems of the organisations API, as message keys", () => {
  test("each refusal of lib/server/organisations.ts and of the date schema has its key; others none", () => {
    expect(validFromError("2 metric report(s) of the body are for quarters before this date")).toBe("reportsBefore");
    expect(validFromError("1 KPI value(s) of its initiatives are for quarters before this date")).toBe("valuesBefore");
    expect(validFromError("3 of its initiatives were created before this date")).toBe("initiativesBefore");
    expect(validFromError("must be before the day the body was dissolved (2025-07-01)")).toBe("beforeDissolved");
    expect(validFromError("use YYYY-MM-DD")).toBe("dateFormat");
    expect(validFromError("not a real date")).toBe("dateFormat");
    expect(validFromError("the year must be from 1900 to 2100")).toBe("dateRange");
    expect(validFromError("a year from 1900 to 2100")).toBe("dateRange");
    expect(validFromError("something else")).toBeNull();
  });
});
