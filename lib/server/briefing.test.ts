/**
 * The leadership briefing PDF (issue 19): rendered from seeded reports of 2026-Q3, its text extracted with a real PDF
 * parser (pdfjs-dist), and checked against figures worked out by hand; the HTTP rules through the route handlers.
 */
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { prisma, closeDb } from "./db";
import { makeActor, uid } from "@/test/factories";
import { hashPassword } from "@/lib/auth/password";
import { briefingPdf, nationalBriefingData, organisationBriefingData } from "./briefing";
import { getBriefingSettings, putBriefingSettings } from "./briefing-settings";
import { ForbiddenError, ValidationError } from "./errors";
import type { Actor } from "@/lib/auth/permissions";
import type { OrganisationKind } from "@/lib/domain/codes";

const Q = "2026-Q3";
const PREV = "2026-Q2";

let admin: Actor;
let leader: Actor;
const ids: Record<string, string> = {};

async function org(kind: OrganisationKind, nameVi: string, nameEn: string) {
  return prisma.organisation.create({ data: { code: `T_${uid(10)}`, nameVi, nameEn, kind } });
}

async function report(organisationId: string, period: string, metricCode: string, v: { numerator: number; denominator: number } | { value: number }) {
  await prisma.metricReport.create({
    data: {
      organisationId,
      period,
      metricCode,
      value: "value" in v ? v.value : (v.numerator / v.denominator) * 100,
      numerator: "numerator" in v ? BigInt(v.numerator) : null,
      denominator: "denominator" in v ? BigInt(v.denominator) : null,
      status: "APPROVED",
      createdById: admin.id,
      updatedById: admin.id,
    },
  });
}

/** The text of every page, items joined as pdf.js lays them out. */
async function pdfText(buf: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await getDocument({ data: new Uint8Array(buf) }).promise;
  let text = "";
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    for (const item of content.items) if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
    text += "\n";
  }
  return { pages: pdf.numPages, text };
}

/** BRIEFING_PDF_OUT=dir keeps the PDFs, to look at them (pdftoppm). */
function keep(name: string, buf: Uint8Array) {
  if (process.env.BRIEFING_PDF_OUT) writeFileSync(path.join(process.env.BRIEFING_PDF_OUT, name), buf);
}

/** pdf.js may cut a line into several items: compare with the spaces folded. */
const flat = (s: string) => s.replace(/\s+/g, " ");

beforeAll(async () => {
  admin = await makeActor("ADMIN");
  leader = await makeActor("LEADERSHIP");
  // this file's database has only these three bodies: the national figures are theirs alone
  const p1 = await org("PROVINCE", "Tỉnh Thử Nghiệm Đắk Lụa", "Test Province Dak Lua");
  const p2 = await org("PROVINCE", "Tỉnh Thử Nghiệm Hưng Yên", "Test Province Hung Yen");
  const m = await org("MINISTRY", "Bộ Thử Nghiệm Số", "Test Digital Ministry");
  Object.assign(ids, { p1: p1.id, p2: p2.id, m: m.id });
  await report(p1.id, Q, "OPEN_DATASETS", { value: 600 });
  await report(p2.id, Q, "OPEN_DATASETS", { value: 497 });
  await report(p1.id, Q, "SERVICES_ONLINE", { numerator: 30, denominator: 40 });
  await report(p1.id, PREV, "SERVICES_ONLINE", { numerator: 20, denominator: 40 });
});

afterAll(closeDb);

describe("the national briefing PDF", () => {
  test("Vietnamese: the title with its diacritics, the quarter, hand-computed figures with coverage and status", async () => {
    await putBriefingSettings(admin, { signerTitle: "KT. BỘ TRƯỞNG — THỨ TRƯỞNG", signerName: "Nguyễn Văn Thử", signerUnit: "Cục Chuyển đổi số quốc gia" });
    const data = await nationalBriefingData(leader, { period: Q });
    keep("briefing-vi.json", Buffer.from(JSON.stringify(data)));
    const buf = await briefingPdf(data);
    keep("briefing-vi.pdf", buf);
    expect(Buffer.from(buf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const { pages, text } = await pdfText(buf);
    const t = flat(text);
    expect(t).toContain("Báo cáo tiến độ xây dựng Chính phủ số — Quý 3/2026");
    expect(t).toContain("Toàn quốc");
    // OPEN_DATASETS: 600 + 497 = 1 097 datasets, Vietnamese grouping; 2 of the 3 bodies reported it (67 %)
    expect(t).toContain("1.097");
    expect(t).toContain("2/3 cơ quan đã báo cáo (67 %)");
    // SERVICES_ONLINE: 30/40 = 75 %, 1 of 3 bodies (33 %), below the default 80 %: provisional
    expect(t).toContain("75 %");
    expect(t).toContain("1/3 cơ quan đã báo cáo (33 %)");
    expect(t).toContain("Tạm thời: dưới 80 % cơ quan đã báo cáo");
    // like for like: the one body that reported both quarters went from 20/40 = 50 % to 75 %: +25 points
    expect(t).toContain("Tăng 25 điểm % so với cùng 1 cơ quan ở Quý 2/2026");
    // the ministry reported nothing: it is in the not-reported list with all five metrics missing
    expect(t).toContain("Bộ Thử Nghiệm Số: thiếu 5/5");
    expect(t).toContain("Tỉnh Thử Nghiệm Đắk Lụa");
    // the signature block the admin set, and page numbers on every page
    expect(t).toContain("Nguyễn Văn Thử");
    expect(t).toContain("Cục Chuyển đổi số quốc gia");
    expect(t).toContain(`Trang 1/${pages}`);
    expect(t).toContain(`Trang ${pages}/${pages}`);
  });

  test("English with lang=en: English title, quarter and number formats", async () => {
    const enData = await nationalBriefingData(leader, { period: Q, lang: "en" });
    keep("briefing-en.json", Buffer.from(JSON.stringify(enData)));
    const buf = await briefingPdf(enData);
    keep("briefing-en.pdf", buf);
    const { text } = await pdfText(buf);
    const t = flat(text);
    expect(t).toContain("Digital government progress report — Q3 2026");
    expect(t).toContain("1,097");
    expect(t).toContain("2 of 3 bodies reported (67 %)");
    expect(t).toContain("Up 25 pp against the same 1 bodies in Q2 2026");
    expect(t).toContain("Page 1 of");
    // rendered after the Vietnamese one in this process: no glyph lost (see registerFamily in lib/briefing/document.tsx)
    expect(t).toContain("Overdue reports: 26");
    expect(t).not.toContain("Báo cáo tiến độ");
  });

  test("bad input is a validation error naming each field", async () => {
    const err = await nationalBriefingData(leader, { period: "2026-Q5", lang: "fr" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect([...new Set((err as ValidationError).details!.map((d) => d.path))].sort()).toEqual(["lang", "period"]);
  });
});

describe("an organisation's briefing PDF", () => {
  test("its own figures and name", async () => {
    const { text } = await pdfText(await briefingPdf(await organisationBriefingData(leader, ids.p1, { period: Q })));
    const t = flat(text);
    expect(t).toContain("Báo cáo tiến độ xây dựng Chính phủ số — Quý 3/2026");
    expect(t).toContain("Tỉnh Thử Nghiệm Đắk Lụa");
    // its own OPEN_DATASETS (600), reported by the one unit expected (itself)
    expect(t).toContain("600");
    expect(t).toContain("1/1 cơ quan đã báo cáo (100 %)");
    expect(t).not.toContain("1.097");
  });
});

describe("the signature block settings", () => {
  test("only an admin changes them; everyone signed in reads them", async () => {
    await expect(putBriefingSettings(leader, { signerTitle: "x", signerName: "y", signerUnit: "z" })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await putBriefingSettings(admin, { signerTitle: "a".repeat(201), signerName: 3 }).catch((e: unknown) => e);
    expect([...new Set((bad as ValidationError).details!.map((d) => d.path))].sort()).toEqual(["signerName", "signerTitle", "signerUnit"]);
    await putBriefingSettings(admin, { signerTitle: "GIÁM ĐỐC", signerName: "Trần Thị Ký", signerUnit: "Sở Khoa học" });
    expect(await getBriefingSettings(leader)).toEqual({ signerTitle: "GIÁM ĐỐC", signerName: "Trần Thị Ký", signerUnit: "Sở Khoa học" });
    const entries = await prisma.auditEntry.findMany({ where: { entityType: "Settings", entityId: "briefing" } });
    expect(entries.length).toBeGreaterThanOrEqual(1);
  });
});

describe("the HTTP rules", () => {
  let token: string;
  beforeAll(async () => {
    const email = `briefing.${uid(8).toLowerCase()}@example.gov.vn`;
    await prisma.user.create({ data: { email, name: "Briefing Leader", role: "LEADERSHIP", passwordHash: await hashPassword("Briefing-Test-2026!") } });
    const mod = await import("@/app/api/v1/auth/token/route");
    const res = await mod.POST(
      new NextRequest("http://localhost/api/v1/auth/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "Briefing-Test-2026!" }) }),
      { params: Promise.resolve({}) },
    );
    token = ((await res.json()) as { token: string }).token;
  });

  async function get(path: string, params: Record<string, string>, auth = true) {
    const mod = path.includes("organisations")
      ? await import("@/app/api/v1/dashboard/organisations/[id]/briefing.pdf/route")
      : await import("@/app/api/v1/dashboard/national/briefing.pdf/route");
    // signed out: a bearer token that is none (a missing cookie session needs Next's request scope)
    const headers: Record<string, string> = { authorization: `Bearer ${auth ? token : "not-a-token"}` };
    return mod.GET(new NextRequest(`http://localhost/api/v1${path}`, { headers }), { params: Promise.resolve(params) });
  }

  test("401 signed out, 400 for a bad quarter, 404 for an unknown organisation, 200 application/pdf", async () => {
    expect((await get(`/dashboard/national/briefing.pdf?period=${Q}`, {}, false)).status).toBe(401);
    const bad = await get("/dashboard/national/briefing.pdf?period=2026-Q9", {});
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as { error: { code: string; details: { path: string }[] } };
    expect(badBody.error.code).toBe("validation_failed");
    expect([...new Set(badBody.error.details.map((d) => d.path))]).toEqual(["period"]);
    expect((await get(`/dashboard/organisations/${ids.m}/briefing.pdf?period=bad`, { id: ids.m })).status).toBe(400);
    expect((await get(`/dashboard/organisations/00000000-0000-4000-8000-000000000000/briefing.pdf?period=${Q}`, { id: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
    const ok = await get(`/dashboard/organisations/${ids.p2}/briefing.pdf?period=${Q}&lang=en`, { id: ids.p2 });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(ok.headers.get("content-disposition")).toMatch(/^attachment; filename="briefing-T_\w+-2026-Q3\.pdf"$/);
    const { text } = await pdfText(new Uint8Array(await ok.arrayBuffer()));
    expect(flat(text)).toContain("Test Province Hung Yen");
  });

  test("PUT /briefing-settings: 403 for leadership", async () => {
    const mod = await import("@/app/api/v1/briefing-settings/route");
    const res = await mod.PUT(
      new NextRequest("http://localhost/api/v1/briefing-settings", {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ signerTitle: "", signerName: "", signerUnit: "" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(403);
  });
});
