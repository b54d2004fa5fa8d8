import { describe, test, expect } from "vitest";
import ExcelJS from "exceljs";
import { prisma } from "./db";
import { createReport, submitReport } from "./reports";
import { importReportWorkbook, reportTemplateXlsx } from "./report-workbook";
import { failure, makeActor, makeOrganisation, quietPeriod } from "@/test/factories";

async function template(actor: Awaited<ReturnType<typeof makeActor>>, organisationId: string, period: string) {
  const { stream } = await reportTemplateXlsx(actor, { organisationId, period });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await new Response(stream).arrayBuffer());
  return wb;
}

/** Fills the input cells of a metric's row, as a person would in Excel. */
function fill(wb: ExcelJS.Workbook, metric: string, cells: Record<string, ExcelJS.CellValue>) {
  const ws = wb.worksheets[0];
  const keys = (ws.getRow(2).values as string[]).slice(1);
  ws.eachRow((row) => {
    if (row.getCell(1).value === metric) for (const [k, v] of Object.entries(cells)) row.getCell(keys.indexOf(k) + 1).value = v;
  });
}

const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

describe("the quarterly report workbook", () => {
  test("the template: labels above a header of keys, one row per metric, last quarter beside it, data validation", async () => {
    const org = await makeOrganisation();
    const officer = await makeActor("OFFICER", org.id);
    const admin = await makeActor("ADMIN");
    const period = quietPeriod();
    const prev = `${period.slice(0, 4)}-Q${period.endsWith("Q1") ? 1 : Number(period.slice(-1)) - 1}`;
    const previousPeriod = period.endsWith("Q1") ? `${Number(period.slice(0, 4)) - 1}-Q4` : prev;
    const r = await createReport(officer, { organisationId: org.id, period: previousPeriod, metric: "SERVICES_ONLINE", numerator: 30, denominator: 120 });
    await submitReport(officer, r.id, { version: 1 });
    const ws = (await template(admin, org.id, period)).worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe("Mã chỉ số");
    expect((ws.getRow(2).values as string[]).slice(1)).toEqual(["metric", "nameVi", "value", "numerator", "denominator", "evidenceUrl", "note", "status", "previousValue", "previousNumerator", "previousDenominator"]);
    const metrics = [3, 4, 5, 6, 7].map((n) => ws.getRow(n).getCell(1).value);
    expect(metrics).toEqual(["SERVICES_ONLINE", "OPEN_DATASETS", "KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED", "NEW_DELIVERY_MODELS"]);
    const online = ws.getRow(3);
    expect([online.getCell(9).value, online.getCell(10).value, online.getCell(11).value]).toEqual([25, 30, 120]);
    expect(online.getCell(4).dataValidation).toMatchObject({ type: "whole", operator: "greaterThanOrEqual" });
    expect(ws.getRow(4).getCell(3).dataValidation).toMatchObject({ type: "whole" });
    expect(ws.getRow(5).getCell(3).dataValidation).toMatchObject({ type: "decimal", formulae: [-100, 1000] });
  });

  test("a filled workbook saves drafts through the API's rules, all or nothing; a second upload is unchanged", async () => {
    const org = await makeOrganisation();
    const officer = await makeActor("OFFICER", org.id);
    const period = quietPeriod();
    const submitted = await createReport(officer, { organisationId: org.id, period, metric: "NEW_DELIVERY_MODELS", value: 2 });
    await submitReport(officer, submitted.id, { version: 1 });
    const draft = await createReport(officer, { organisationId: org.id, period, metric: "OPEN_DATASETS", value: 1 });

    const wb = await template(officer, org.id, period);
    fill(wb, "SERVICES_ONLINE", { numerator: 250_000, denominator: "1.000.000" });
    fill(wb, "OPEN_DATASETS", { value: 12, evidenceUrl: "https://data.gov.vn/bo" });
    fill(wb, "KPI_IMPROVEMENT", { value: "12,5", note: "Tăng so với quý trước" });
    fill(wb, "NEW_DELIVERY_MODELS", { value: 9 });
    const file = await bytes(wb);

    expect(await importReportWorkbook(officer, { organisationId: org.id, period }, file)).toEqual({ created: 2, updated: 1, unchanged: 1 });
    const saved = await prisma.metricReport.findMany({ where: { organisationId: org.id, period }, orderBy: { metricCode: "asc" } });
    const by = Object.fromEntries(saved.map((s) => [s.metricCode, s]));
    expect([Number(by.SERVICES_ONLINE.numerator), Number(by.SERVICES_ONLINE.denominator), by.SERVICES_ONLINE.value, by.SERVICES_ONLINE.status]).toEqual([250_000, 1_000_000, 25, "DRAFT"]);
    expect([by.OPEN_DATASETS.id, by.OPEN_DATASETS.value, by.OPEN_DATASETS.version, by.OPEN_DATASETS.evidenceUrl]).toEqual([draft.id, 12, 2, "https://data.gov.vn/bo"]);
    expect([by.KPI_IMPROVEMENT.value, by.KPI_IMPROVEMENT.note]).toEqual([12.5, "Tăng so với quý trước"]);
    expect([by.NEW_DELIVERY_MODELS.value, by.NEW_DELIVERY_MODELS.status]).toEqual([2, "SUBMITTED"]);
    expect(await prisma.auditEntry.count({ where: { organisationId: org.id, entityType: "MetricReport" } })).toBe(2 + 1 + 3);

    expect(await importReportWorkbook(officer, { organisationId: org.id, period }, await bytes(await template(officer, org.id, period)))).toEqual({ created: 0, updated: 0, unchanged: 4 });
  });

  test("a bad row is named and nothing is saved; another organisation's officer is refused", async () => {
    const org = await makeOrganisation();
    const officer = await makeActor("OFFICER", org.id);
    const period = quietPeriod();
    const wb = await template(officer, org.id, period);
    fill(wb, "OPEN_DATASETS", { value: 3 });
    fill(wb, "SERVICES_ONLINE", { numerator: 50, denominator: 10 });
    fill(wb, "KPI_IMPROVEMENT", { value: "nhiều" });
    const e = await failure(importReportWorkbook(officer, { organisationId: org.id, period }, await bytes(wb)));
    expect(e.code).toBe("validation_failed");
    expect(e.details).toEqual([{ path: "row 5.value", message: "must be a number", code: "not_a_number", params: { decimalComma: false }, value: "nhiều" }]);

    fill(wb, "KPI_IMPROVEMENT", { value: 5 });
    const e2 = await failure(importReportWorkbook(officer, { organisationId: org.id, period }, await bytes(wb)));
    expect(e2.details).toEqual([{ path: "row 3.numerator", message: "cannot be greater than the denominator", code: "numerator_above_denominator" }]);
    expect(await prisma.metricReport.count({ where: { organisationId: org.id, period } })).toBe(0);

    // an unknown metric and a metric written twice: named by code, with the values allowed and the first row
    const ws = wb.worksheets[0];
    ws.getRow(6).getCell(1).value = "NO_SUCH_METRIC";
    ws.getRow(7).getCell(1).value = "OPEN_DATASETS";
    const e3 = await failure(importReportWorkbook(officer, { organisationId: org.id, period }, await bytes(wb)));
    expect(e3.details!.map(({ path, code, params }) => ({ path, code, params }))).toEqual([
      { path: "row 6.metric", code: "unknown_metric", params: { metric: "NO_SUCH_METRIC" } },
      { path: "row 7.metric", code: "already_on_row", params: { row: 4 } },
    ]);
    expect(e3.details![0].allowed).toContain("SERVICES_ONLINE");

    const stranger = await makeActor("OFFICER", (await makeOrganisation()).id);
    expect((await failure(importReportWorkbook(stranger, { organisationId: org.id, period }, await bytes(wb)))).code).toBe("forbidden");
  });
});
