/**
 * The import and export figures of `npm run bench` (issue 20 point 3, issue 17 point 5).
 */

/** `rows` new initiatives as the import's CSV (the export's columns), under `ref` so they can be removed afterwards. */
export function importCsvText(rows: number, ref: string, orgCodes: string[]): string {
  const head = "id,externalRef,organisationCode,title,description,status,buildingBlocks,principles,enablers,currentStage,targetStage,startDate,endDate,budgetPlanned,budgetSpent,progress,updatedAt";
  const lines = [head];
  for (let i = 0; i < rows; i++) lines.push(importRecord(i, ref, orgCodes).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

const STATUSES = ["PLANNED", "IN_PROGRESS", "COMPLETED", "ON_HOLD", "CANCELLED"];
const BLOCKS = ["ONE_PORTAL", "SHARED_DATA", "SHARED_SERVICES", "SHARED_INFRASTRUCTURE", "SENSORS_ANALYTICS", "CYBERSECURITY_PRIVACY"];

function importRecord(i: number, ref: string, orgCodes: string[]): string[] {
  const status = STATUSES[i % 5];
  const progress = status === "COMPLETED" ? 100 : (i * 7) % 100;
  const stage = 1 + (i % 5);
  const b = BLOCKS[i % 6] + (i % 3 === 0 ? `|${BLOCKS[(i + 2) % 6]}` : "");
  return [
    "",
    `${ref}-${i}`,
    orgCodes[i % orgCodes.length],
    // short rows: 50,000 of them must stay under the import's 10 MiB limit
    `Số hóa hồ sơ ${i}`,
    i % 8 === 0 ? "Đồng bộ dữ liệu" : "",
    status,
    b,
    i % 2 ? "DIGITAL_BY_DEFAULT" : "",
    "",
    String(stage),
    "5",
    "2025-01-01",
    "2027-12-31",
    String(1_000_000 * (1 + (i % 900))),
    "",
    String(progress),
    "",
  ];
}
