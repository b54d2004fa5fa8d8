import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { prisma, closeDb } from "./db";
import { initiativeFilterSql, listInitiatives } from "./initiatives";
import { wordQuery } from "@/lib/domain/search";
import { makeActor, makeOrganisation } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";

/*
 * The list's search `q` (spec/api.md): the accent- and case-free phrase occurs in the title or description, as a
 * substring. A phrase of whole words is served by the word index (migration *_search_words_index) plus the exact
 * LIKE, anything else by the trigram index alone: both paths must answer exactly the substring matches, so every
 * expectation below is the set of titles that contain the folded phrase, written out by hand.
 */

let leader: Actor;
let orgId: string;
const TITLES: Record<string, [string, string]> = {
  A: ["Triển khai dự án Bạch Đằng giai đoạn 2", ""],
  B: ["Hệ thống xbạch đằngx thử nghiệm", ""], // the phrase inside longer words: a substring match, not a whole-word one
  C: ["Đặc khu Bạch Long Vĩ và sông Đằng", ""], // both words, not the phrase
  D: ["Cổng dịch vụ công quốc gia", ""],
  E: ["Nền tảng Bach-Dang", "Kết nối cổng dịch vụ-công trực tuyến"], // punctuation between the words
  F: ["Đảng bộ số hóa", "Sáng kiến nhằm phục vụ Chính phủ số."], // the phrase only in the description
  G: ["Hệ thống định danh 2025 2030", ""],
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  const org = await makeOrganisation();
  orgId = org.id;
  leader = await makeActor("LEADERSHIP");
  for (const [k, [title, description]] of Object.entries(TITLES)) {
    const row = await prisma.initiative.create({
      data: { organisationId: orgId, title, description, status: "PLANNED", currentStage: 1, targetStage: 5, progress: 0, createdById: leader.id, updatedById: leader.id },
    });
    ids[row.id] = k;
  }
});

afterAll(async () => {
  await closeDb();
});

async function found(q: string): Promise<string> {
  const r = await listInitiatives(leader, { organisationId: orgId, q, pageSize: "200" });
  expect(r.total).toBe(r.data.length);
  return r.data
    .map((d) => ids[d.id])
    .sort()
    .join("");
}

describe("wordQuery: the word-index condition of a phrase", () => {
  test("a phrase of whole words: inner words exact, the last as a prefix, the first left out", () => {
    expect(wordQuery("bach dang")).toBe("dang:*");
    expect(wordQuery("Bạch Đằng")).toBe("dang:*");
    expect(wordQuery("cong dich vu")).toBe("dich & vu:*");
    expect(wordQuery("CỔNG DỊCH VỤ CÔNG")).toBe("dich & vu & cong:*");
    expect(wordQuery("giai doan 2025")).toBe("doan & 2025:*");
  });
  test("a single word or punctuation: none (the trigram index alone)", () => {
    expect(wordQuery("bach")).toBeNull();
    expect(wordQuery("bach-dang")).toBeNull();
    expect(wordQuery("dich vu, cong")).toBeNull();
    expect(wordQuery("50%")).toBeNull();
    expect(wordQuery("bach 'dang")).toBeNull();
    expect(wordQuery("dang:* | x")).toBeNull();
  });
});

describe("search semantics: accent-free substring, by either index", () => {
  test("whole words (word index + LIKE) find every substring match, accents and case folded", async () => {
    expect(await found("bach dang")).toBe("AB");
    expect(await found("BẠCH ĐẰNG")).toBe("AB");
    expect(await found("bạch   đằng")).toBe("AB");
    // first word a suffix, last word a prefix of words of the text
    expect(await found("ach dan")).toBe("AB");
    expect(await found("cong dich vu")).toBe("DE"); // E: "cong dich vu-cong"
    expect(await found("ong dich v")).toBe("DE");
    expect(await found("vu cong quoc gia")).toBe("D");
    expect(await found("chinh phu so")).toBe("F"); // in the description
    expect(await found("dinh danh 2025 2030")).toBe("G");
    expect(await found("song dang")).toBe("C");
    expect(await found("bach long vi va song dang")).toBe("C");
    expect(await found("dang bach")).toBe("");
  });
  test("single words and punctuation (trigram index) keep substring semantics", async () => {
    expect(await found("bach")).toBe("ABCE");
    expect(await found("dang")).toBe("ABCEF");
    expect(await found("bach-dang")).toBe("E");
    expect(await found("dich vu-cong")).toBe("E");
    expect(await found("ong")).toBe("BCDEG");
  });
});

describe("the two indexes answer the same rows", () => {
  test.each(["bach dang", "ach dan", "cong dich vu", "ong dich v", "chinh phu so", "song dang", "dang bach", "dinh danh 2025"])("%s", async (q) => {
    const ids = async (words: string | null) =>
      (await prisma.$queryRaw<{ id: string }[]>`SELECT i.id::text AS id FROM initiatives i WHERE ${initiativeFilterSql({ q, organisationId: orgId }, words)} ORDER BY 1`).map((r) => r.id);
    const words = wordQuery(q);
    expect(words).not.toBeNull();
    expect(await ids(words)).toEqual(await ids(null));
  });
});
