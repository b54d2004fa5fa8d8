import { describe, expect, test } from "vitest";
import { completenessCsv } from "./completeness-csv";

describe("completeness CSV", () => {
  test("one line per organisation: missing, submitted, approved, on time, late, statuses per metric (late ones marked), quoted and neutralised", () => {
    const csv = completenessCsv("2026-Q3", [
      {
        code: "BTC",
        nameVi: "Bộ Tài chính, \"Hà Nội\"",
        nameEn: "=HYPERLINK()",
        kind: "MINISTRY",
        missingCount: 2,
        submitted: 3,
        approved: 1,
        onTime: 2,
        late: 1,
        lateMetrics: ["KPI_IMPROVEMENT"],
        statuses: { SERVICES_ONLINE: "APPROVED", OPEN_DATASETS: "SUBMITTED", KPI_IMPROVEMENT: "SUBMITTED", SERVICES_NEW_RETIRED: "MISSING", NEW_DELIVERY_MODELS: "MISSING" },
      },
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("period,code,nameVi,nameEn,kind,missing,submitted,approved,onTime,late,SERVICES_ONLINE,OPEN_DATASETS,KPI_IMPROVEMENT,SERVICES_NEW_RETIRED,NEW_DELIVERY_MODELS");
    expect(lines[1]).toBe('2026-Q3,BTC,"Bộ Tài chính, ""Hà Nội""",\'=HYPERLINK(),MINISTRY,2,3,1,2,1,APPROVED,SUBMITTED,SUBMITTED_LATE,MISSING,MISSING');
  });
});
