import ExcelJS from "exceljs";
import { test, expect, account, apiToken, signIn } from "./fixtures";
import { addQuarters, currentPeriod } from "../lib/domain/periods";

// this worker's own province officer (e2e/global-setup.ts): an organisation in force in every quarter, written by no
// other spec's worker
const officer = () => account("OFFICER", 1);
const tag = () => Math.random().toString(36).slice(2, 8).toUpperCase();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test("the import preview lists creations, changes (before → after) and errors with the value, in Vietnamese and English", async ({ page, request, baseURL }) => {
  const t = tag();
  const token = await apiToken(request, officer());
  const me = await (await request.get("/api/v1/me", { headers: bearer(token) })).json();
  const code = officer().organisationCode!;
  const created = await request.post("/api/v1/initiatives", {
    headers: bearer(token),
    data: {
      organisationId: me.organisationId,
      externalRef: `XL-${t}-1`,
      title: `Cổng dữ liệu mở ${t}`,
      buildingBlocks: ["SHARED_DATA"],
      status: "IN_PROGRESS",
      currentStage: 1,
      targetStage: 3,
      progress: 40,
    },
  });
  expect(created.status()).toBe(201);

  // as Excel with Vietnamese settings saves it: semicolons, CRLF, Vietnamese headers and names, 1.000.000, dd/mm/yyyy
  const csv = [
    "Mã tham chiếu;Mã cơ quan;Tên sáng kiến;Trạng thái;Khối xây dựng;Giai đoạn hiện tại;Giai đoạn mục tiêu;Tiến độ (%);Ngày bắt đầu;Kinh phí kế hoạch (đồng)",
    `XL-${t}-1;${code};Cổng dữ liệu mở ${t};Đang triển khai;Dữ liệu dùng chung;1;3;75;15/01/2026;3.500.000.000`,
    `XL-${t}-2;${code};Số hóa hồ sơ lưu trữ ${t};Kế hoạch;Một cổng duy nhất|Dữ liệu dùng chung;1;2;0;01/03/2026;1.000.000`,
    `XL-${t}-3;${code};Dòng lỗi ${t};Đang làm;Dữ liệu dùng chung;1;2;1,5;31/02/2026;`,
  ].join("\r\n");

  await signIn(page, officer(), "/initiatives/import");
  const file = page.getByLabel("Tệp CSV hoặc Excel (.xlsx)");
  await file.setInputFiles({ name: "sang-kien.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByTestId("preview-created")).toHaveText("1");
  await expect(preview.getByTestId("preview-updated")).toHaveText("1");
  const update = preview.getByTestId("item-update");
  await expect(update).toContainText("Thay đổi");
  await expect(update).toContainText("Tiến độ (progress): 40 → 75");
  await expect(update).toContainText("Kinh phí kế hoạch (budgetPlanned): (trống) → 3500000000");
  await expect(preview.getByTestId("item-create")).toContainText(`Số hóa hồ sơ lưu trữ ${t}`);
  const errors = preview.getByTestId("import-errors");
  await expect(errors).toContainText("Đang làm");
  await expect(errors).toContainText("PLANNED, IN_PROGRESS");
  await expect(errors).toContainText("31/02/2026");
  await expect(errors).toContainText("Ngày không hợp lệ; viết dd/mm/yyyy");
  // every problem by its code in Vietnamese: the progress 1,5 and the unknown status too, no English message left
  await expect(errors).toContainText("Phải là số nguyên.");
  await expect(errors).toContainText("chọn một trong các giá trị được đưa ra.");
  await expect(errors).not.toContainText("use one of");
  await expect(errors).not.toContainText("a whole number");
  await page.screenshot({ path: ".data/screens/import-preview-vi.png", fullPage: true });

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await page.reload();
  await page.getByLabel("CSV or Excel (.xlsx) file").setInputFiles({ name: "initiatives.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("item-update")).toContainText("Progress (progress): 40 → 75");
  await expect(page.getByTestId("import-errors")).toContainText("Not a date; write dd/mm/yyyy");
  await expect(page.getByTestId("import-errors")).toContainText("Must be a whole number.");
  await page.screenshot({ path: ".data/screens/import-preview-en.png", fullPage: true });

  // a Windows-1258 file is refused with how to save it as CSV UTF-8
  await page.getByLabel("CSV or Excel (.xlsx) file").setInputFiles({ name: "ansi.csv", mimeType: "text/csv", buffer: Buffer.from([0x53, 0xf4, 0xec, 0x20, 0x68, 0xf3, 0x61]) });
  await expect(page.getByTestId("import-file-error")).toContainText('"CSV UTF-8 (Comma delimited) (*.csv)"');
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "vi", url: baseURL! }]);
});

test("the quarterly workbook: downloaded, filled in Excel, uploaded as drafts", async ({ page, request }) => {
  const token = await apiToken(request, officer());
  const me = await (await request.get("/api/v1/me", { headers: bearer(token) })).json();
  // an old quarter the demo data leaves empty, another one for each repeat of this test against the same database
  const period = addQuarters(currentPeriod(), -(30 + test.info().repeatEachIndex + 40 * test.info().retry));
  const res = await request.get(`/api/v1/metric-reports/template.xlsx?organisationId=${me.organisationId}&period=${period}`, { headers: bearer(token) });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const keys = (ws.getRow(2).values as string[]).slice(1);
  ws.eachRow((row) => {
    if (row.getCell(1).value === "OPEN_DATASETS") row.getCell(keys.indexOf("value") + 1).value = 14;
    if (row.getCell(1).value === "SERVICES_ONLINE") {
      row.getCell(keys.indexOf("numerator") + 1).value = 120;
      row.getCell(keys.indexOf("denominator") + 1).value = 200;
    }
  });
  const filled = Buffer.from(await wb.xlsx.writeBuffer());
  // the same workbook with a word where a number belongs, and a metric that does not exist
  const openRow = ws.getColumn(1).values.indexOf("OPEN_DATASETS");
  ws.getRow(openRow).getCell(keys.indexOf("value") + 1).value = "nhiều";
  ws.getRow(ws.rowCount + 1).getCell(1).value = "NO_SUCH_METRIC";
  const broken = Buffer.from(await wb.xlsx.writeBuffer());

  await signIn(page, officer(), `/reports?period=${period}&organisationId=${me.organisationId}`);
  const box = page.getByTestId("report-workbook");
  await expect(box.getByRole("link", { name: /^Tải bảng tính quý/ })).toHaveAttribute("href", new RegExp(`template\\.xlsx\\?organisationId=${me.organisationId}&period=${period}`));
  // its problems by code, in Vietnamese, each with its row and column; nothing is saved
  await box.getByLabel("Tải bảng tính đã điền lên").setInputFiles({ name: "bao-cao.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: broken });
  const problems = page.getByTestId("workbook-errors");
  await expect(problems).toContainText(`Dòng ${openRow} · value: Không phải là số`);
  await expect(problems).toContainText('"NO_SUCH_METRIC" không phải là chỉ số đã biết.');
  await expect(problems).not.toContainText("must be a number");
  await page.screenshot({ path: ".data/screens/report-workbook-errors-vi.png", fullPage: true });
  const answer = page.waitForResponse((r) => r.url().includes("/api/v1/metric-reports/import") && r.request().method() === "POST");
  await box.getByLabel("Tải bảng tính đã điền lên").setInputFiles({ name: "bao-cao.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: filled });
  const saved = await answer;
  // the server's own answer first, so a failure here says why
  expect(saved.status(), await saved.text()).toBe(200);
  expect(await saved.json()).toEqual({ created: 2, updated: 0, unchanged: 0 });
  await expect(page.getByTestId("workbook-status")).toContainText("Đã lưu bản nháp: thêm mới 2, cập nhật 0, không đổi 0.");
  await page.screenshot({ path: ".data/screens/report-workbook-vi.png", fullPage: true });
  const list = await (await request.get(`/api/v1/metric-reports?organisationId=${me.organisationId}&period=${period}`, { headers: bearer(token) })).json();
  expect(list.data.map((r: { metric: string; status: string; value: number }) => [r.metric, r.status, r.value]).sort()).toEqual([
    ["OPEN_DATASETS", "DRAFT", 14],
    ["SERVICES_ONLINE", "DRAFT", 60],
  ]);
});
