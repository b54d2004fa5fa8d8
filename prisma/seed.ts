/**
 * Demo data: real Vietnamese ministries, provinces and agencies, demo sign-ins, initiatives, two years of quarterly
 * metric reports, KPIs with targets and national targets, so every screen has something true-looking to show.
 *
 * Written once: when any organisation exists the data is left alone (a second run reuses it). ReferenceDto data
 * (building blocks, metrics, stages, thresholds) comes from the migrations, not from here.
 *
 * Deterministic: a seeded PRNG draws everything except the dates, which are relative to today so the data never ages.
 * No `server-only` imports and relative paths only: run by tsx (`npx tsx prisma/seed.ts`, scripts/run.ts) and Vitest.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../lib/generated/prisma/client";
import { hashPassword } from "../lib/auth/password";
import { addQuarters, currentPeriod, periodEnd, periodFromIndex, periodIndex, periodRange } from "../lib/domain/periods";
import { inForceFor } from "../lib/domain/validity";
import { restructuringInput, runRestructuring } from "../lib/server/restructuring-core";
import { rate, type RatingStatus } from "../lib/domain/rating";
import type { BuildingBlockCode, EnablerCode, InitiativeStatus, KpiDirection, MetricCode, OrganisationKind, PrincipleCode, ReportStatus, Role } from "../lib/domain/codes";

export const DEMO_PASSWORD = "Demo-Password-2026!";
/** the first quarter of the demo reports: before all three 2025 changes */
export const FIRST_DEMO_PERIOD = "2024-Q1";

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
  organisation?: string;
}

export interface SeedOptions {
  log?: (s: string) => void;
  /** an ADMIN created beside the demo accounts when no user has this email (INITIAL_ADMIN_EMAIL) */
  adminEmail?: string;
  adminPassword?: string;
}

export interface SeedResult {
  seeded: boolean;
  accounts: DemoAccount[];
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Deterministic randomness                                                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** mulberry32: small, fast and good enough for demo data */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  float(a: number, b: number): number {
    return a + (b - a) * this.next();
  }
  /** an integer in [a, b], both included */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1][0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  /** a version-4 UUID from the PRNG, so ids are reproducible too */
  uuid(): string {
    const h: string[] = [];
    for (let i = 0; i < 16; i++) {
      let b = Math.floor(this.next() * 256);
      if (i === 6) b = (b & 0x0f) | 0x40;
      if (i === 8) b = (b & 0x3f) | 0x80;
      h.push(b.toString(16).padStart(2, "0"));
    }
    const s = h.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

const DAY = 86_400_000;
const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
/** midnight UTC of the day `d` falls on (the value of a DATE column) */
const dateOnly = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const maxDate = (a: Date, b: Date) => (a > b ? a : b);
const minDate = (a: Date, b: Date) => (a < b ? a : b);

/* ------------------------------------------------------------------------------------------------------------ */
/* Organisations                                                                                                */
/* ------------------------------------------------------------------------------------------------------------ */

type Stage = 1 | 2 | 3 | 4 | 5;
/**
 * How an organisation stands in the latest reported quarter: A all approved, S all submitted, D all draft,
 * M a mix, R one report rejected, G some metrics never reported, N nothing reported yet.
 */
type Latest = "A" | "S" | "D" | "M" | "R" | "G" | "N";

interface OrgSeed {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
  parent?: string;
  /** the evidence-based stage its reports reach in the latest quarter (when all approved) */
  stage: Stage;
  latest: Latest;
  /** agencies only: whether it files its own metric reports */
  reports: boolean;
  /** in force from (a body created by a 2025 change); null = always */
  validFrom: string | null;
  /** dissolved on (by one of the 2025 restructurings below, which set validTo); null = in force today */
  until: string | null;
}

// The government before and after the 2025 reforms (../shared/data/vn-2025-restructuring.json): the 22 ministry-level
// bodies before 1 March 2025 and the two created then; [code, nameVi, nameEn, stage, latest]. The stage and status
// profile of a dissolved body only shape its past reports (it reports no latest quarter).
const MINISTRIES: [string, string, string, Stage, Latest][] = [
  ["BQP", "Bộ Quốc phòng", "Ministry of National Defence", 2, "M"],
  ["BCA", "Bộ Công an", "Ministry of Public Security", 5, "A"],
  ["BNG", "Bộ Ngoại giao", "Ministry of Foreign Affairs", 1, "G"],
  ["BNV", "Bộ Nội vụ", "Ministry of Home Affairs", 2, "A"],
  ["BTP", "Bộ Tư pháp", "Ministry of Justice", 3, "G"],
  ["BKHDT", "Bộ Kế hoạch và Đầu tư", "Ministry of Planning and Investment", 4, "A"],
  ["BTC", "Bộ Tài chính", "Ministry of Finance", 5, "R"],
  ["BCT", "Bộ Công Thương", "Ministry of Industry and Trade", 4, "A"],
  ["BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn", "Ministry of Agriculture and Rural Development", 1, "A"],
  ["BGTVT", "Bộ Giao thông vận tải", "Ministry of Transport", 2, "A"],
  ["BXD", "Bộ Xây dựng", "Ministry of Construction", 2, "S"],
  ["BTNMT", "Bộ Tài nguyên và Môi trường", "Ministry of Natural Resources and Environment", 3, "A"],
  ["BTTTT", "Bộ Thông tin và Truyền thông", "Ministry of Information and Communications", 5, "A"],
  ["BLDTBXH", "Bộ Lao động - Thương binh và Xã hội", "Ministry of Labour, Invalids and Social Affairs", 2, "A"],
  ["BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism", 1, "N"],
  ["BKHCN", "Bộ Khoa học và Công nghệ", "Ministry of Science and Technology", 5, "A"],
  ["BGDDT", "Bộ Giáo dục và Đào tạo", "Ministry of Education and Training", 3, "R"],
  ["BYT", "Bộ Y tế", "Ministry of Health", 3, "A"],
  ["UBDT", "Ủy ban Dân tộc", "Committee for Ethnic Minority Affairs", 1, "A"],
  ["NHNN", "Ngân hàng Nhà nước Việt Nam", "State Bank of Vietnam", 4, "G"],
  ["TTCP", "Thanh tra Chính phủ", "Government Inspectorate", 2, "D"],
  ["VPCP", "Văn phòng Chính phủ", "Office of the Government", 4, "A"],
  ["BNNMT", "Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment", 3, "S"],
  ["BDTTG", "Bộ Dân tộc và Tôn giáo", "Ministry of Ethnic and Religious Affairs", 1, "A"],
];

// The 63 provinces and centrally-run cities of the first half of 2025, and Thừa Thiên Huế (until 1 January 2025).
const PROVINCES: [string, string, string][] = [
  ["HN", "Thành phố Hà Nội", "Hanoi"],
  ["HCM", "Thành phố Hồ Chí Minh", "Ho Chi Minh City"],
  ["HP", "Thành phố Hải Phòng", "Hai Phong"],
  ["DNG", "Thành phố Đà Nẵng", "Da Nang"],
  ["CT", "Thành phố Cần Thơ", "Can Tho"],
  ["TTH", "Tỉnh Thừa Thiên Huế", "Thua Thien Hue Province"],
  ["HUE", "Thành phố Huế", "Hue"],
  ["HAG", "Tỉnh Hà Giang", "Ha Giang"],
  ["CB", "Tỉnh Cao Bằng", "Cao Bang"],
  ["BK", "Tỉnh Bắc Kạn", "Bac Kan"],
  ["TQ", "Tỉnh Tuyên Quang", "Tuyen Quang"],
  ["LCI", "Tỉnh Lào Cai", "Lao Cai"],
  ["DB", "Tỉnh Điện Biên", "Dien Bien"],
  ["LCU", "Tỉnh Lai Châu", "Lai Chau"],
  ["SL", "Tỉnh Sơn La", "Son La"],
  ["YB", "Tỉnh Yên Bái", "Yen Bai"],
  ["HB", "Tỉnh Hòa Bình", "Hoa Binh"],
  ["TN", "Tỉnh Thái Nguyên", "Thai Nguyen"],
  ["LS", "Tỉnh Lạng Sơn", "Lang Son"],
  ["QNI", "Tỉnh Quảng Ninh", "Quang Ninh"],
  ["BG", "Tỉnh Bắc Giang", "Bac Giang"],
  ["PT", "Tỉnh Phú Thọ", "Phu Tho"],
  ["VP", "Tỉnh Vĩnh Phúc", "Vinh Phuc"],
  ["BN", "Tỉnh Bắc Ninh", "Bac Ninh"],
  ["HD", "Tỉnh Hải Dương", "Hai Duong"],
  ["HY", "Tỉnh Hưng Yên", "Hung Yen"],
  ["TB", "Tỉnh Thái Bình", "Thai Binh"],
  ["HNA", "Tỉnh Hà Nam", "Ha Nam"],
  ["ND", "Tỉnh Nam Định", "Nam Dinh"],
  ["NB", "Tỉnh Ninh Bình", "Ninh Binh"],
  ["TH", "Tỉnh Thanh Hóa", "Thanh Hoa"],
  ["NA", "Tỉnh Nghệ An", "Nghe An"],
  ["HT", "Tỉnh Hà Tĩnh", "Ha Tinh"],
  ["QB", "Tỉnh Quảng Bình", "Quang Binh"],
  ["QT", "Tỉnh Quảng Trị", "Quang Tri"],
  ["QNA", "Tỉnh Quảng Nam", "Quang Nam"],
  ["QNG", "Tỉnh Quảng Ngãi", "Quang Ngai"],
  ["BDI", "Tỉnh Bình Định", "Binh Dinh"],
  ["PY", "Tỉnh Phú Yên", "Phu Yen"],
  ["KH", "Tỉnh Khánh Hòa", "Khanh Hoa"],
  ["NT", "Tỉnh Ninh Thuận", "Ninh Thuan"],
  ["BTH", "Tỉnh Bình Thuận", "Binh Thuan"],
  ["KT", "Tỉnh Kon Tum", "Kon Tum"],
  ["GL", "Tỉnh Gia Lai", "Gia Lai"],
  ["DLK", "Tỉnh Đắk Lắk", "Dak Lak"],
  ["DNO", "Tỉnh Đắk Nông", "Dak Nong"],
  ["LD", "Tỉnh Lâm Đồng", "Lam Dong"],
  ["BP", "Tỉnh Bình Phước", "Binh Phuoc"],
  ["TNI", "Tỉnh Tây Ninh", "Tay Ninh"],
  ["BD", "Tỉnh Bình Dương", "Binh Duong"],
  ["DNA", "Tỉnh Đồng Nai", "Dong Nai"],
  ["BRVT", "Tỉnh Bà Rịa - Vũng Tàu", "Ba Ria - Vung Tau"],
  ["LA", "Tỉnh Long An", "Long An"],
  ["TG", "Tỉnh Tiền Giang", "Tien Giang"],
  ["BTR", "Tỉnh Bến Tre", "Ben Tre"],
  ["TV", "Tỉnh Trà Vinh", "Tra Vinh"],
  ["VL", "Tỉnh Vĩnh Long", "Vinh Long"],
  ["DT", "Tỉnh Đồng Tháp", "Dong Thap"],
  ["AG", "Tỉnh An Giang", "An Giang"],
  ["KG", "Tỉnh Kiên Giang", "Kien Giang"],
  ["HGI", "Tỉnh Hậu Giang", "Hau Giang"],
  ["ST", "Tỉnh Sóc Trăng", "Soc Trang"],
  ["BL", "Tỉnh Bạc Liêu", "Bac Lieu"],
  ["CM", "Tỉnh Cà Mau", "Ca Mau"],
];
/** Provinces' profiles: a few chosen, the others drawn in turn from a cycle. */
const PROVINCE_PROFILE: Record<string, [Stage, Latest]> = {
  HN: [5, "A"],
  HCM: [5, "M"],
  DNG: [5, "A"],
  HP: [4, "R"],
  QNI: [4, "A"],
  CT: [3, "A"],
  BN: [3, "M"],
  HUE: [3, "A"],
  TTH: [3, "A"],
  KH: [2, "A"],
  DNA: [2, "N"],
  NA: [1, "A"],
  TQ: [1, "D"],
};
const STAGE_CYCLE: Stage[] = [2, 3, 1, 4, 2, 3, 4];
const LATEST_CYCLE: Latest[] = ["A", "S", "A", "G", "A", "M", "R", "A"];

/** The three 2025 changes, recorded by the restructuring code path of the API (lib/server/restructuring-core.ts). */
export const RESTRUCTURINGS_2025: { effectiveDate: string; legalBasis: string; note: string; successions: { from: string; to: string[]; historyTo: string }[] }[] = [
  {
    effectiveDate: "2025-01-01",
    legalBasis: "Nghị quyết 1314/NQ-UBTVQH15",
    note: "Tỉnh Thừa Thiên Huế trở thành Thành phố Huế trực thuộc trung ương.",
    successions: [{ from: "TTH", to: ["HUE"], historyTo: "HUE" }],
  },
  {
    effectiveDate: "2025-03-01",
    legalBasis: "Nghị quyết 176/2025/QH15",
    note: "Cơ cấu tổ chức của Chính phủ nhiệm kỳ Quốc hội khóa XV: 14 bộ và 3 cơ quan ngang bộ.",
    successions: [
      { from: "BKHDT", to: ["BTC"], historyTo: "BTC" },
      { from: "BGTVT", to: ["BXD", "BCA"], historyTo: "BXD" },
      { from: "BTNMT", to: ["BNNMT"], historyTo: "BNNMT" },
      { from: "BNNPTNT", to: ["BNNMT"], historyTo: "BNNMT" },
      { from: "BTTTT", to: ["BKHCN", "BVHTTDL", "BCA"], historyTo: "BKHCN" },
      { from: "BLDTBXH", to: ["BNV", "BYT", "BGDDT"], historyTo: "BNV" },
      { from: "UBDT", to: ["BDTTG"], historyTo: "BDTTG" },
    ],
  },
  {
    effectiveDate: "2025-07-01",
    legalBasis: "Nghị quyết 202/2025/QH15",
    note: "Sắp xếp đơn vị hành chính cấp tỉnh: 34 tỉnh, thành phố; mỗi tỉnh mới giữ tên và trụ sở của một tỉnh cũ.",
    successions: (
      [
        ["TQ", "HAG"],
        ["LCI", "YB"],
        ["TN", "BK"],
        ["PT", "VP", "HB"],
        ["BN", "BG"],
        ["HY", "TB"],
        ["HP", "HD"],
        ["NB", "HNA", "ND"],
        ["QT", "QB"],
        ["DNG", "QNA"],
        ["QNG", "KT"],
        ["GL", "BDI"],
        ["KH", "NT"],
        ["LD", "DNO", "BTH"],
        ["DLK", "PY"],
        ["HCM", "BD", "BRVT"],
        ["DNA", "BP"],
        ["TNI", "LA"],
        ["CT", "ST", "HGI"],
        ["VL", "BTR", "TV"],
        ["DT", "TG"],
        ["CM", "BL"],
        ["AG", "KG"],
      ] as string[][]
    ).flatMap(([to, ...from]) => from.map((f) => ({ from: f, to: [to], historyTo: to }))),
  },
];
const CREATED: Record<string, string> = { BNNMT: "2025-03-01", BDTTG: "2025-03-01", HUE: "2025-01-01" };

// [code, nameVi, nameEn, parent, files reports, latest], named as they are today. Reporting agencies sit under
// organisations of stage >= 3 and share their parent's profile, so rolling them up never moves the parent across a
// threshold. Two of them changed parent on 1 March 2025 with their ministry (dated parent links).
const AGENCIES: [string, string, string, string, boolean, Latest][] = [
  ["CDSQG", "Cục Chuyển đổi số quốc gia", "National Digital Transformation Agency", "BTTTT", true, "A"],
  ["CTK", "Cục Thống kê", "National Statistics Office", "BKHDT", false, "N"],
  ["TCT", "Cục Thuế", "Department of Taxation", "BTC", true, "A"],
  ["TCHQ", "Cục Hải quan", "Department of Customs", "BTC", false, "N"],
  [
    "C06",
    "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    "Police Department for Administrative Management of Social Order",
    "BCA",
    false,
    "N",
  ],
  [
    "CCNTT_BYT",
    "Cục Công nghệ thông tin, Bộ Y tế",
    "Department of Information Technology, Ministry of Health",
    "BYT",
    false,
    "N",
  ],
  ["SKHCN_HN", "Sở Khoa học và Công nghệ Hà Nội", "Hanoi Department of Science and Technology", "HN", true, "A"],
  [
    "SKHCN_HCM",
    "Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh",
    "Ho Chi Minh City Department of Science and Technology",
    "HCM",
    true,
    "S",
  ],
  ["SKHCN_DNG", "Sở Khoa học và Công nghệ Đà Nẵng", "Da Nang Department of Science and Technology", "DNG", false, "N"],
];

function organisationSeeds(): OrgSeed[] {
  const until = new Map<string, string>();
  for (const r of RESTRUCTURINGS_2025) for (const x of r.successions) until.set(x.from, r.effectiveDate);
  const validity = (code: string) => ({ validFrom: CREATED[code] ?? null, until: until.get(code) ?? null });
  let k = 0;
  const top: OrgSeed[] = [
    ...MINISTRIES.map(([code, nameVi, nameEn, stage, latest]) => ({
      code,
      nameVi,
      nameEn,
      kind: "MINISTRY" as const,
      stage,
      latest,
      reports: true,
      ...validity(code),
    })),
    ...PROVINCES.map(([code, nameVi, nameEn]) => {
      const [stage, latest] = PROVINCE_PROFILE[code] ?? [STAGE_CYCLE[k % STAGE_CYCLE.length], LATEST_CYCLE[k++ % LATEST_CYCLE.length]];
      return { code, nameVi, nameEn, kind: "PROVINCE" as const, stage, latest, reports: true, ...validity(code) };
    }),
  ];
  const stageOf = new Map(top.map((o) => [o.code, o.stage]));
  const agencies = AGENCIES.map(([code, nameVi, nameEn, parent, reports, latest]) => ({
    code,
    nameVi,
    nameEn,
    kind: "AGENCY" as const,
    parent,
    stage: stageOf.get(parent)!,
    latest,
    reports,
    validFrom: null,
    until: null,
  }));
  return [...top, ...agencies];
}

/** How an organisation is named inside a title: "Cổng dịch vụ công tỉnh Quảng Ninh". */
function labelOf(o: OrgSeed): string {
  return o.kind === "PROVINCE" ? o.nameVi.charAt(0).toLowerCase() + o.nameVi.slice(1) : o.nameVi;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Accounts                                                                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

const DEMO_USERS: { email: string; name: string; role: Role; org?: string }[] = [
  { email: "admin@demo.gov.vn", name: "Quản trị hệ thống", role: "ADMIN" },
  { email: "lanhdao@demo.gov.vn", name: "Nguyễn Văn Thành", role: "LEADERSHIP" },
  { email: "canbo.bkhcn@demo.gov.vn", name: "Trần Thị Mai", role: "OFFICER", org: "BKHCN" },
  { email: "canbo.hanoi@demo.gov.vn", name: "Lê Minh Tuấn", role: "OFFICER", org: "HN" },
  // an officer of a province that absorbed another on 1 July 2025 (Hà Giang into Tuyên Quang)
  { email: "canbo.tuyenquang@demo.gov.vn", name: "Hoàng Thị Lan", role: "OFFICER", org: "TQ" },
];

function demoAccounts(): DemoAccount[] {
  const orgName = new Map(organisationSeeds().map((o) => [o.code, o.nameVi]));
  return DEMO_USERS.map((u) => ({
    role: u.role,
    email: u.email,
    password: DEMO_PASSWORD,
    ...(u.org ? { organisation: orgName.get(u.org)! } : {}),
  }));
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Initiative templates                                                                                         */
/* ------------------------------------------------------------------------------------------------------------ */

interface Template {
  /** title; {o} is the organisation ("Bộ Y tế", "tỉnh Quảng Ninh") */
  t: string;
  /** the first sentence of the description */
  d: string;
  b: BuildingBlockCode[];
  p?: PrincipleCode[];
  e?: EnablerCode[];
}

const COMMON: Template[] = [
  {
    t: "Nền tảng tích hợp, chia sẻ dữ liệu (LGSP) {o}",
    d: "Xây dựng nền tảng tích hợp, chia sẻ dữ liệu của {o}, kết nối với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia để các hệ thống thông tin trao đổi dữ liệu thông suốt.",
    b: ["SHARED_DATA", "SHARED_SERVICES"],
    p: ["GOVERNMENT_AS_PLATFORM"],
  },
  {
    t: "Kho dữ liệu dùng chung {o}",
    d: "Hình thành kho dữ liệu dùng chung của {o}, chuẩn hóa và làm sạch dữ liệu từ các hệ thống nghiệp vụ để phục vụ khai thác, phân tích.",
    b: ["SHARED_DATA"],
  },
  {
    t: "Hệ thống giám sát an toàn thông tin (SOC) {o}",
    d: "Thiết lập trung tâm giám sát an toàn thông tin của {o}, kết nối với Hệ thống giám sát an toàn thông tin mạng quốc gia, giám sát liên tục 24/7.",
    b: ["CYBERSECURITY_PRIVACY"],
  },
  {
    t: "Hạ tầng điện toán đám mây {o}",
    d: "Chuyển các hệ thống thông tin của {o} lên hạ tầng điện toán đám mây đáp ứng tiêu chí kỹ thuật, bảo đảm tính sẵn sàng và khả năng mở rộng.",
    b: ["SHARED_INFRASTRUCTURE"],
  },
  {
    t: "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    d: "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực để người dân không phải nộp lại giấy tờ đã cung cấp cho cơ quan nhà nước.",
    b: ["ONE_PORTAL", "SHARED_DATA"],
    p: ["FULLY_DIGITAL"],
  },
  {
    t: "Hệ thống quản lý văn bản và điều hành liên thông",
    d: "Nâng cấp hệ thống quản lý văn bản và điều hành, liên thông văn bản điện tử bốn cấp chính quyền qua Trục liên thông văn bản quốc gia.",
    b: ["SHARED_SERVICES"],
    p: ["DIGITAL_BY_DEFAULT"],
  },
  {
    t: "Triển khai chữ ký số chuyên dùng cho cán bộ, công chức",
    d: "Cấp và sử dụng chứng thư số chuyên dùng, chữ ký số trên thiết bị di động cho cán bộ, công chức trong xử lý văn bản và hồ sơ.",
    b: ["CYBERSECURITY_PRIVACY", "SHARED_SERVICES"],
    p: ["DIGITAL_BY_DEFAULT"],
  },
  {
    t: "Đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức",
    d: "Tổ chức các khóa đào tạo trực tuyến mở đại trà (MOOCs) và tập huấn chuyên sâu về kỹ năng số, an toàn thông tin cho cán bộ, công chức.",
    b: ["SHARED_SERVICES"],
    e: ["SKILLS_CULTURE"],
  },
  {
    t: "Chuyển đổi các hệ thống thông tin sang IPv6",
    d: "Chuyển đổi mạng và các hệ thống thông tin, cổng thông tin điện tử sang IPv6 theo lộ trình của Chương trình thúc đẩy IPv6 quốc gia.",
    b: ["SHARED_INFRASTRUCTURE"],
  },
  {
    t: "Bảo đảm an toàn hệ thống thông tin theo cấp độ",
    d: "Xác định cấp độ và triển khai đầy đủ phương án bảo đảm an toàn cho toàn bộ hệ thống thông tin đang vận hành.",
    b: ["CYBERSECURITY_PRIVACY"],
    e: ["LEADERSHIP_GOVERNANCE"],
  },
  {
    t: "Cổng dữ liệu mở {o}",
    d: "Công bố dữ liệu mở của {o} theo định dạng máy đọc được, có API cho doanh nghiệp và cộng đồng khai thác, tái sử dụng.",
    b: ["SHARED_DATA"],
    p: ["GOVERNMENT_AS_PLATFORM"],
  },
  {
    t: "Hệ thống thông tin báo cáo và phân tích dữ liệu điều hành",
    d: "Tự động hóa thu thập số liệu báo cáo, xây dựng bảng điều khiển phân tích dữ liệu hỗ trợ lãnh đạo ra quyết định dựa trên dữ liệu.",
    b: ["SENSORS_ANALYTICS", "SHARED_DATA"],
    e: ["LEADERSHIP_GOVERNANCE"],
  },
  {
    t: "Ứng dụng trí tuệ nhân tạo hỗ trợ trả lời phản ánh, kiến nghị",
    d: "Thí điểm trợ lý ảo dùng trí tuệ nhân tạo để phân loại và gợi ý trả lời phản ánh, kiến nghị của người dân, doanh nghiệp.",
    b: ["SENSORS_ANALYTICS"],
    p: ["USER_CENTRIC"],
    e: ["INTERNAL_INNOVATION"],
  },
  {
    t: "Định danh và xác thực điện tử (VNeID) trong giải quyết thủ tục hành chính",
    d: "Tích hợp tài khoản định danh điện tử VNeID để người dân đăng nhập một lần, tự động điền thông tin từ Cơ sở dữ liệu quốc gia về dân cư.",
    b: ["ONE_PORTAL", "CYBERSECURITY_PRIVACY"],
    p: ["USER_CENTRIC", "DIGITAL_BY_DEFAULT"],
  },
  {
    t: "Thanh toán trực tuyến phí, lệ phí thủ tục hành chính",
    d: "Kết nối nền tảng thanh toán trực tuyến để người dân, doanh nghiệp nộp phí, lệ phí khi thực hiện thủ tục hành chính trên môi trường mạng.",
    b: ["ONE_PORTAL", "SHARED_SERVICES"],
    p: ["FULLY_DIGITAL"],
  },
  {
    t: "Ứng dụng di động phục vụ người dân và doanh nghiệp của {o}",
    d: "Phát triển ứng dụng di động tích hợp tra cứu, nộp hồ sơ, theo dõi tiến độ và nhận thông báo từ {o}.",
    b: ["ONE_PORTAL"],
    p: ["MOBILE_FIRST", "USER_CENTRIC"],
  },
  {
    t: "Diễn tập thực chiến an toàn thông tin mạng",
    d: "Tổ chức diễn tập thực chiến trên hệ thống thật, phối hợp với các đội ứng cứu sự cố để phát hiện và khắc phục điểm yếu.",
    b: ["CYBERSECURITY_PRIVACY"],
    e: ["SKILLS_CULTURE"],
  },
  {
    t: "Bảo vệ dữ liệu cá nhân trong các hệ thống thông tin",
    d: "Rà soát, đánh giá tác động xử lý dữ liệu cá nhân và áp dụng biện pháp bảo vệ theo Nghị định số 13/2023/NĐ-CP.",
    b: ["CYBERSECURITY_PRIVACY"],
  },
  {
    t: "Kết nối, tích hợp dịch vụ công với Cổng Dịch vụ công quốc gia",
    d: "Đồng bộ trạng thái hồ sơ, tích hợp dịch vụ công trực tuyến toàn trình của {o} lên Cổng Dịch vụ công quốc gia.",
    b: ["ONE_PORTAL", "SHARED_SERVICES"],
    p: ["USER_CENTRIC"],
  },
  {
    t: "Hệ thống họp trực tuyến và làm việc số",
    d: "Trang bị hệ thống họp trực tuyến, không gian làm việc số dùng chung, giảm họp trực tiếp và văn bản giấy.",
    b: ["SHARED_INFRASTRUCTURE", "SHARED_SERVICES"],
    p: ["DIGITAL_BY_DEFAULT"],
  },
  {
    t: "Trợ lý ảo hỗ trợ tra cứu thủ tục hành chính",
    d: "Xây dựng trợ lý ảo (chatbot) trả lời tự động câu hỏi về thủ tục hành chính trên cổng thông tin và mạng xã hội.",
    b: ["ONE_PORTAL", "SENSORS_ANALYTICS"],
    p: ["USER_CENTRIC", "MOBILE_FIRST"],
    e: ["INTERNAL_INNOVATION"],
  },
  {
    t: "Phòng thí nghiệm đổi mới sáng tạo số",
    d: "Thành lập nhóm đổi mới sáng tạo thử nghiệm nhanh các giải pháp số, cùng người dùng thiết kế lại quy trình nghiệp vụ.",
    b: ["SHARED_SERVICES"],
    p: ["USER_CENTRIC"],
    e: ["INTERNAL_INNOVATION"],
  },
  {
    t: "Kiến trúc Chính phủ số {o}, phiên bản 3.0",
    d: "Cập nhật kiến trúc Chính phủ số của {o} theo Khung Kiến trúc Chính phủ điện tử Việt Nam, làm căn cứ đầu tư ứng dụng công nghệ thông tin.",
    b: ["SHARED_INFRASTRUCTURE", "SHARED_SERVICES"],
    e: ["LEADERSHIP_GOVERNANCE"],
  },
];

const MINISTRY_ONLY: Template[] = [
  {
    t: "Hệ thống thông tin giải quyết thủ tục hành chính {o}",
    d: "Xây dựng hệ thống thông tin giải quyết thủ tục hành chính tập trung của {o}, thay thế các phần mềm một cửa riêng lẻ.",
    b: ["ONE_PORTAL"],
    p: ["DIGITAL_BY_DEFAULT"],
  },
  {
    t: "Cơ sở dữ liệu chuyên ngành {o}",
    d: "Xây dựng, chuẩn hóa cơ sở dữ liệu chuyên ngành của {o}, kết nối với các cơ sở dữ liệu quốc gia.",
    b: ["SHARED_DATA"],
  },
  {
    t: "Trung tâm dữ liệu {o}",
    d: "Nâng cấp trung tâm dữ liệu của {o} đạt tiêu chuẩn Tier III, bảo đảm dự phòng và an toàn vận hành.",
    b: ["SHARED_INFRASTRUCTURE"],
  },
];

const PROVINCE_ONLY: Template[] = [
  {
    t: "Cổng dịch vụ công {o}",
    d: "Nâng cấp Cổng dịch vụ công và Hệ thống thông tin giải quyết thủ tục hành chính của {o}, cung cấp dịch vụ công trực tuyến toàn trình.",
    b: ["ONE_PORTAL"],
    p: ["DIGITAL_BY_DEFAULT", "USER_CENTRIC"],
  },
  {
    t: "Trung tâm giám sát, điều hành đô thị thông minh (IOC) {o}",
    d: "Xây dựng Trung tâm giám sát, điều hành thông minh tích hợp dữ liệu giao thông, y tế, giáo dục, phản ánh hiện trường phục vụ điều hành của {o}.",
    b: ["SENSORS_ANALYTICS", "SHARED_DATA"],
    e: ["LEADERSHIP_GOVERNANCE"],
  },
  {
    t: "Mạng cảm biến quan trắc môi trường {o}",
    d: "Lắp đặt các trạm quan trắc tự động chất lượng không khí, nước mặt và truyền số liệu trực tuyến về trung tâm điều hành.",
    b: ["SENSORS_ANALYTICS"],
  },
  {
    t: "Hệ thống camera giám sát giao thông, an ninh trật tự",
    d: "Triển khai camera giám sát tại các nút giao trọng điểm, ứng dụng phân tích hình ảnh để phát hiện vi phạm và sự cố.",
    b: ["SENSORS_ANALYTICS", "CYBERSECURITY_PRIVACY"],
  },
  {
    t: "Mạng truyền số liệu chuyên dùng đến cấp xã",
    d: "Mở rộng mạng truyền số liệu chuyên dùng của các cơ quan Đảng, Nhà nước đến 100% xã, phường, thị trấn.",
    b: ["SHARED_INFRASTRUCTURE"],
  },
  {
    t: "Số hóa dữ liệu hộ tịch {o}",
    d: "Số hóa sổ hộ tịch lưu trữ từ năm 1945 đến nay, cập nhật vào Cơ sở dữ liệu hộ tịch điện tử toàn quốc.",
    b: ["SHARED_DATA"],
    p: ["FULLY_DIGITAL"],
  },
  {
    t: "Cơ sở dữ liệu đất đai {o}",
    d: "Xây dựng cơ sở dữ liệu địa chính, kết nối với Cơ sở dữ liệu đất đai quốc gia phục vụ giải quyết thủ tục đất đai trực tuyến.",
    b: ["SHARED_DATA"],
  },
  {
    t: "Bộ phận một cửa điện tử cấp xã",
    d: "Trang bị thiết bị, phần mềm cho bộ phận một cửa cấp xã, hỗ trợ người dân nộp hồ sơ trực tuyến tại chỗ.",
    b: ["ONE_PORTAL"],
    p: ["USER_CENTRIC"],
  },
  {
    t: "Tiếp nhận phản ánh hiện trường qua ứng dụng di động",
    d: "Người dân gửi phản ánh kèm hình ảnh, vị trí qua ứng dụng di động; cơ quan chức năng xử lý và trả lời công khai.",
    b: ["ONE_PORTAL", "SENSORS_ANALYTICS"],
    p: ["MOBILE_FIRST", "USER_CENTRIC"],
  },
  {
    t: "Tổ công nghệ số cộng đồng hỗ trợ người dân",
    d: "Kiện toàn tổ công nghệ số cộng đồng tại thôn, tổ dân phố, hướng dẫn người dân cài đặt và sử dụng dịch vụ số.",
    b: ["SHARED_SERVICES"],
    p: ["USER_CENTRIC"],
    e: ["SKILLS_CULTURE"],
  },
  {
    t: "Du lịch thông minh {o}",
    d: "Xây dựng cổng thông tin và ứng dụng du lịch thông minh, thu thập dữ liệu du khách để phân tích, dự báo.",
    b: ["SENSORS_ANALYTICS", "ONE_PORTAL"],
    p: ["MOBILE_FIRST"],
  },
  {
    t: "Hồ sơ sức khỏe điện tử người dân {o}",
    d: "Tạo lập hồ sơ sức khỏe điện tử cho người dân, liên thông dữ liệu khám chữa bệnh giữa các cơ sở y tế trên địa bàn.",
    b: ["SHARED_DATA"],
    p: ["USER_CENTRIC"],
  },
  {
    t: "Chuyển đổi số trong trường học {o}",
    d: "Triển khai học bạ số, sổ điểm điện tử, thanh toán học phí không dùng tiền mặt tại các trường phổ thông.",
    b: ["SHARED_SERVICES"],
    p: ["DIGITAL_BY_DEFAULT"],
  },
  {
    t: "Quan trắc mực nước và cảnh báo ngập lụt",
    d: "Lắp đặt cảm biến mực nước, lượng mưa và hệ thống cảnh báo sớm ngập lụt gửi tin nhắn đến người dân.",
    b: ["SENSORS_ANALYTICS"],
  },
  {
    t: "Hệ thống giao thông thông minh {o}",
    d: "Điều khiển đèn tín hiệu thích ứng, thông tin giao thông thời gian thực và thanh toán vé xe buýt điện tử.",
    b: ["SENSORS_ANALYTICS", "SHARED_INFRASTRUCTURE"],
  },
];

/** initiatives only that organisation runs */
const SECTOR: Record<string, Template[]> = {
  BTTTT: [
    {
      t: "Hạ tầng điện toán đám mây Chính phủ",
      d: "Hình thành hạ tầng điện toán đám mây Chính phủ dùng chung cho các bộ, ngành, địa phương, giảm đầu tư trung tâm dữ liệu riêng lẻ.",
      b: ["SHARED_INFRASTRUCTURE"],
      p: ["GOVERNMENT_AS_PLATFORM"],
    },
    {
      t: "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)",
      d: "Vận hành và mở rộng Nền tảng tích hợp, chia sẻ dữ liệu quốc gia kết nối các cơ sở dữ liệu quốc gia, chuyên ngành.",
      b: ["SHARED_DATA", "SHARED_SERVICES"],
      p: ["GOVERNMENT_AS_PLATFORM"],
    },
    {
      t: "Hệ thống giám sát an toàn thông tin mạng quốc gia",
      d: "Nâng cấp năng lực giám sát, cảnh báo sớm tấn công mạng nhằm vào các hệ thống thông tin quan trọng quốc gia.",
      b: ["CYBERSECURITY_PRIVACY", "SENSORS_ANALYTICS"],
    },
    {
      t: "Nền tảng đo lường, đánh giá chuyển đổi số (DTI)",
      d: "Tự động thu thập số liệu đánh giá mức độ chuyển đổi số của bộ, ngành, địa phương qua nền tảng đo lường trực tuyến.",
      b: ["SENSORS_ANALYTICS"],
      e: ["LEADERSHIP_GOVERNANCE"],
    },
    {
      t: "Mạng truyền số liệu chuyên dùng thế hệ mới",
      d: "Nâng cấp mạng truyền số liệu chuyên dùng lên công nghệ mới, băng thông lớn, kết nối bốn cấp chính quyền.",
      b: ["SHARED_INFRASTRUCTURE"],
    },
  ],
  BCA: [
    {
      t: "Cơ sở dữ liệu quốc gia về dân cư",
      d: "Làm giàu, làm sạch Cơ sở dữ liệu quốc gia về dân cư và chia sẻ cho các bộ, ngành, địa phương theo Đề án 06.",
      b: ["SHARED_DATA"],
      p: ["GOVERNMENT_AS_PLATFORM"],
    },
    {
      t: "Ứng dụng định danh điện tử VNeID",
      d: "Mở rộng tiện ích trên ứng dụng VNeID: tích hợp giấy tờ, thông báo lưu trú, nộp hồ sơ thủ tục hành chính.",
      b: ["ONE_PORTAL", "CYBERSECURITY_PRIVACY"],
      p: ["MOBILE_FIRST", "USER_CENTRIC"],
    },
    {
      t: "Cấp căn cước gắn chíp điện tử",
      d: "Cấp thẻ căn cước gắn chíp điện tử và tài khoản định danh điện tử mức độ 2 cho công dân.",
      b: ["CYBERSECURITY_PRIVACY", "SHARED_DATA"],
    },
  ],
  C06: [
    {
      t: "Liên thông thủ tục đăng ký khai sinh, thường trú, cấp thẻ bảo hiểm y tế",
      d: "Nhóm thủ tục liên thông điện tử giúp cha mẹ chỉ nộp một bộ hồ sơ trực tuyến cho trẻ dưới 6 tuổi.",
      b: ["SHARED_SERVICES", "ONE_PORTAL"],
      p: ["USER_CENTRIC", "FULLY_DIGITAL"],
    },
  ],
  BTC: [
    {
      t: "Hóa đơn điện tử toàn quốc",
      d: "Quản lý hóa đơn điện tử có mã của cơ quan thuế, kết nối dữ liệu hóa đơn phục vụ quản lý thuế và chống gian lận.",
      b: ["SHARED_SERVICES", "SHARED_DATA"],
      p: ["FULLY_DIGITAL"],
    },
    {
      t: "Hệ thống quản lý ngân sách và kho bạc tích hợp (TABMIS)",
      d: "Nâng cấp hệ thống thông tin quản lý ngân sách và kho bạc, thanh toán điện tử với ngân hàng thương mại.",
      b: ["SHARED_SERVICES"],
    },
  ],
  TCT: [
    {
      t: "Hóa đơn điện tử khởi tạo từ máy tính tiền",
      d: "Triển khai hóa đơn điện tử khởi tạo từ máy tính tiền cho hộ kinh doanh, chuyển dữ liệu theo thời gian thực.",
      b: ["SHARED_SERVICES", "SHARED_DATA"],
    },
    {
      t: "Ứng dụng eTax Mobile",
      d: "Ứng dụng nộp thuế, tra cứu nghĩa vụ thuế trên thiết bị di động cho cá nhân, hộ kinh doanh.",
      b: ["ONE_PORTAL"],
      p: ["MOBILE_FIRST"],
    },
  ],
  TCHQ: [
    {
      t: "Cơ chế một cửa quốc gia, một cửa ASEAN",
      d: "Kết nối thủ tục hành chính của các bộ, ngành trên Cổng thông tin một cửa quốc gia và trao đổi chứng từ với ASEAN.",
      b: ["ONE_PORTAL", "SHARED_SERVICES"],
      p: ["FULLY_DIGITAL"],
    },
    {
      t: "Hệ thống hải quan số",
      d: "Xây dựng hệ thống công nghệ thông tin hải quan số, thông quan tự động dựa trên quản lý rủi ro.",
      b: ["SHARED_DATA", "SENSORS_ANALYTICS"],
    },
  ],
  BKHDT: [
    {
      t: "Hệ thống thông tin quốc gia về đăng ký doanh nghiệp",
      d: "Đăng ký doanh nghiệp qua mạng điện tử, xác thực bằng tài khoản định danh điện tử và chia sẻ dữ liệu doanh nghiệp.",
      b: ["ONE_PORTAL", "SHARED_DATA"],
      p: ["DIGITAL_BY_DEFAULT"],
    },
    {
      t: "Hệ thống mạng đấu thầu quốc gia",
      d: "Lựa chọn nhà thầu qua mạng, công khai thông tin đấu thầu và kết nối với hệ thống thanh toán.",
      b: ["ONE_PORTAL", "SHARED_SERVICES"],
      p: ["FULLY_DIGITAL"],
    },
  ],
  BYT: [
    {
      t: "Bệnh án điện tử tại bệnh viện tuyến trung ương",
      d: "Triển khai bệnh án điện tử thay thế bệnh án giấy tại các bệnh viện trực thuộc, liên thông kết quả xét nghiệm.",
      b: ["SHARED_DATA", "SHARED_SERVICES"],
      p: ["FULLY_DIGITAL"],
    },
    {
      t: "Liên thông đơn thuốc điện tử",
      d: "Kết nối đơn thuốc điện tử giữa cơ sở khám chữa bệnh và nhà thuốc trên Hệ thống đơn thuốc quốc gia.",
      b: ["SHARED_SERVICES", "SHARED_DATA"],
    },
  ],
  CCNTT_BYT: [
    {
      t: "Sổ sức khỏe điện tử trên VNeID",
      d: "Tích hợp sổ sức khỏe điện tử vào ứng dụng VNeID để người dân tra cứu lịch sử khám chữa bệnh.",
      b: ["ONE_PORTAL", "SHARED_DATA"],
      p: ["MOBILE_FIRST", "USER_CENTRIC"],
    },
  ],
  BGDDT: [
    {
      t: "Cơ sở dữ liệu ngành giáo dục và đào tạo",
      d: "Quản lý dữ liệu học sinh, giáo viên, trường lớp thống nhất từ trung ương đến cơ sở, định danh mỗi học sinh.",
      b: ["SHARED_DATA"],
    },
    {
      t: "Tuyển sinh đại học trực tuyến",
      d: "Đăng ký, điều chỉnh nguyện vọng và nộp lệ phí xét tuyển đại học hoàn toàn trực tuyến.",
      b: ["ONE_PORTAL"],
      p: ["FULLY_DIGITAL", "MOBILE_FIRST"],
    },
    {
      t: "Học bạ điện tử",
      d: "Thay thế học bạ giấy bằng học bạ điện tử có chữ ký số, dùng chung cho chuyển trường và tuyển sinh.",
      b: ["SHARED_DATA", "CYBERSECURITY_PRIVACY"],
    },
  ],
  BTP: [
    {
      t: "Cơ sở dữ liệu hộ tịch điện tử toàn quốc",
      d: "Vận hành Cơ sở dữ liệu hộ tịch điện tử toàn quốc, kết nối với Cơ sở dữ liệu quốc gia về dân cư.",
      b: ["SHARED_DATA"],
    },
    {
      t: "Cấp Phiếu lý lịch tư pháp trực tuyến",
      d: "Cấp Phiếu lý lịch tư pháp trên ứng dụng VNeID và Cổng Dịch vụ công quốc gia, trả kết quả bản điện tử.",
      b: ["ONE_PORTAL"],
      p: ["FULLY_DIGITAL", "MOBILE_FIRST"],
    },
  ],
  BNV: [
    {
      t: "Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức",
      d: "Hoàn thiện Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức trong các cơ quan nhà nước.",
      b: ["SHARED_DATA"],
    },
    {
      t: "Lưu trữ hồ sơ điện tử các cơ quan nhà nước",
      d: "Xây dựng hệ thống lưu trữ tài liệu điện tử, thu nộp hồ sơ điện tử vào lưu trữ lịch sử.",
      b: ["SHARED_INFRASTRUCTURE", "SHARED_DATA"],
    },
  ],
  BTNMT: [
    {
      t: "Cơ sở dữ liệu đất đai quốc gia",
      d: "Xây dựng, kết nối cơ sở dữ liệu đất đai của các địa phương thành Cơ sở dữ liệu đất đai quốc gia.",
      b: ["SHARED_DATA"],
    },
    {
      t: "Mạng lưới quan trắc tài nguyên và môi trường tự động",
      d: "Hiện đại hóa mạng lưới trạm quan trắc tự động, truyền dữ liệu trực tuyến về hệ thống của Bộ.",
      b: ["SENSORS_ANALYTICS"],
    },
    {
      t: "Dự báo khí tượng thủy văn ứng dụng trí tuệ nhân tạo",
      d: "Ứng dụng trí tuệ nhân tạo và dữ liệu lớn nâng cao độ chính xác dự báo bão, mưa lớn, lũ quét.",
      b: ["SENSORS_ANALYTICS"],
      e: ["INTERNAL_INNOVATION"],
    },
  ],
  BNNPTNT: [
    {
      t: "Truy xuất nguồn gốc nông sản",
      d: "Hệ thống truy xuất nguồn gốc nông, lâm, thủy sản bằng mã QR, kết nối vùng trồng, cơ sở đóng gói.",
      b: ["SHARED_DATA", "SHARED_SERVICES"],
    },
    {
      t: "Giám sát hành trình tàu cá",
      d: "Giám sát tàu cá bằng thiết bị định vị vệ tinh, chống khai thác hải sản bất hợp pháp (IUU).",
      b: ["SENSORS_ANALYTICS"],
    },
  ],
  BGTVT: [
    {
      t: "Thu phí điện tử không dừng",
      d: "Mở rộng thu phí điện tử không dừng trên các tuyến cao tốc, kết nối thanh toán với ngân hàng.",
      b: ["SENSORS_ANALYTICS", "SHARED_SERVICES"],
    },
    {
      t: "Cấp, đổi giấy phép lái xe trực tuyến",
      d: "Cấp đổi giấy phép lái xe trực tuyến toàn trình, dùng dữ liệu sức khỏe điện tử và thanh toán trực tuyến.",
      b: ["ONE_PORTAL"],
      p: ["FULLY_DIGITAL"],
    },
  ],
  BXD: [
    {
      t: "Cơ sở dữ liệu quốc gia về nhà ở và thị trường bất động sản",
      d: "Xây dựng cơ sở dữ liệu về nhà ở và thị trường bất động sản, cập nhật giao dịch từ địa phương.",
      b: ["SHARED_DATA"],
    },
    {
      t: "Cấp giấy phép xây dựng trực tuyến",
      d: "Cấp phép xây dựng trực tuyến, liên thông với cơ sở dữ liệu quy hoạch và đất đai.",
      b: ["ONE_PORTAL"],
      p: ["DIGITAL_BY_DEFAULT"],
    },
  ],
  BCT: [
    {
      t: "Cấp giấy chứng nhận xuất xứ điện tử (eCoSys)",
      d: "Cấp chứng nhận xuất xứ hàng hóa điện tử và trao đổi với các nước đối tác thương mại.",
      b: ["ONE_PORTAL", "SHARED_SERVICES"],
      p: ["FULLY_DIGITAL"],
    },
    {
      t: "Hỗ trợ đưa nông sản lên sàn thương mại điện tử",
      d: "Đào tạo, hỗ trợ hợp tác xã và hộ sản xuất đưa sản phẩm lên các sàn thương mại điện tử.",
      b: ["SHARED_SERVICES"],
      e: ["SKILLS_CULTURE"],
    },
  ],
  BLDTBXH: [
    {
      t: "Chi trả an sinh xã hội không dùng tiền mặt",
      d: "Chi trả trợ cấp xã hội, ưu đãi người có công qua tài khoản ngân hàng gắn với định danh điện tử.",
      b: ["SHARED_SERVICES"],
      p: ["FULLY_DIGITAL"],
    },
    {
      t: "Cơ sở dữ liệu người có công với cách mạng",
      d: "Số hóa hồ sơ người có công, kết nối với Cơ sở dữ liệu quốc gia về dân cư.",
      b: ["SHARED_DATA"],
    },
  ],
  BVHTTDL: [
    {
      t: "Số hóa di sản văn hóa Việt Nam",
      d: "Số hóa hiện vật, tư liệu di sản văn hóa, xây dựng bảo tàng số và tham quan ảo.",
      b: ["SHARED_DATA"],
      p: ["MOBILE_FIRST"],
    },
    {
      t: "Cơ sở dữ liệu du lịch quốc gia",
      d: "Thống kê, phân tích dữ liệu du khách, cơ sở lưu trú phục vụ quản lý và quảng bá du lịch.",
      b: ["SHARED_DATA", "SENSORS_ANALYTICS"],
    },
  ],
  BKHCN: [
    {
      t: "Cơ sở dữ liệu quốc gia về khoa học và công nghệ",
      d: "Kết nối thông tin nhiệm vụ khoa học và công nghệ, công bố khoa học, sáng chế trên một nền tảng.",
      b: ["SHARED_DATA"],
    },
    {
      t: "Cổng truy xuất nguồn gốc sản phẩm, hàng hóa quốc gia",
      d: "Vận hành Cổng truy xuất nguồn gốc quốc gia, kết nối các hệ thống truy xuất của bộ, ngành, địa phương.",
      b: ["SHARED_DATA", "SHARED_SERVICES"],
      p: ["GOVERNMENT_AS_PLATFORM"],
    },
  ],
  NHNN: [
    {
      t: "Thanh toán không dùng tiền mặt trong dịch vụ công",
      d: "Thúc đẩy thanh toán không dùng tiền mặt qua ngân hàng, ví điện tử cho phí, lệ phí và dịch vụ công.",
      b: ["SHARED_SERVICES"],
      p: ["FULLY_DIGITAL"],
    },
    {
      t: "Xác thực sinh trắc học trong giao dịch ngân hàng",
      d: "Đối chiếu sinh trắc học với dữ liệu căn cước gắn chíp khi mở tài khoản và giao dịch giá trị lớn.",
      b: ["CYBERSECURITY_PRIVACY"],
    },
    {
      t: "Giám sát rủi ro an toàn thông tin ngành ngân hàng",
      d: "Chia sẻ thông tin cảnh báo gian lận, tài khoản nghi vấn giữa các tổ chức tín dụng.",
      b: ["CYBERSECURITY_PRIVACY", "SENSORS_ANALYTICS"],
    },
  ],
  BNG: [
    {
      t: "Hợp pháp hóa lãnh sự trực tuyến",
      d: "Tiếp nhận, giải quyết thủ tục chứng nhận, hợp pháp hóa lãnh sự trực tuyến, trả kết quả qua bưu chính.",
      b: ["ONE_PORTAL"],
    },
    {
      t: "Cơ sở dữ liệu về người Việt Nam ở nước ngoài",
      d: "Xây dựng cơ sở dữ liệu về người Việt Nam ở nước ngoài phục vụ công tác bảo hộ công dân.",
      b: ["SHARED_DATA"],
    },
  ],
  VPCP: [
    {
      t: "Cổng Dịch vụ công quốc gia",
      d: "Nâng cấp Cổng Dịch vụ công quốc gia: một tài khoản, một lần đăng nhập, cá thể hóa trang của người dân.",
      b: ["ONE_PORTAL", "SHARED_SERVICES"],
      p: ["USER_CENTRIC", "GOVERNMENT_AS_PLATFORM"],
    },
    {
      t: "Hệ thống thông tin báo cáo Chính phủ",
      d: "Kết nối số liệu báo cáo của các bộ, ngành, địa phương theo thời gian thực phục vụ chỉ đạo, điều hành.",
      b: ["SENSORS_ANALYTICS", "SHARED_DATA"],
      e: ["LEADERSHIP_GOVERNANCE"],
    },
    {
      t: "Hệ thống phục vụ họp và xử lý công việc của Chính phủ (e-Cabinet)",
      d: "Phiên họp Chính phủ không giấy, lấy ý kiến thành viên Chính phủ trên môi trường điện tử.",
      b: ["SHARED_SERVICES"],
      p: ["DIGITAL_BY_DEFAULT"],
      e: ["LEADERSHIP_GOVERNANCE"],
    },
    {
      t: "Trục liên thông văn bản quốc gia",
      d: "Liên thông văn bản điện tử giữa các cơ quan từ trung ương đến địa phương, thay thế văn bản giấy.",
      b: ["SHARED_SERVICES", "SHARED_INFRASTRUCTURE"],
    },
  ],
  CDSQG: [
    {
      t: "Chương trình hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số",
      d: "Giới thiệu nền tảng số Make in Viet Nam, hỗ trợ doanh nghiệp nhỏ và vừa đánh giá và lập lộ trình chuyển đổi số.",
      b: ["SHARED_SERVICES"],
      e: ["SKILLS_CULTURE"],
    },
    {
      t: "Bộ chỉ số đánh giá chuyển đổi số cấp bộ, cấp tỉnh",
      d: "Cập nhật bộ chỉ số DTI và công bố kết quả đánh giá hằng năm đối với bộ, ngành, địa phương.",
      b: ["SENSORS_ANALYTICS"],
      e: ["LEADERSHIP_GOVERNANCE"],
    },
  ],
  CATTT: [
    {
      t: "Hệ thống điều phối ứng cứu sự cố an toàn thông tin",
      d: "Điều phối mạng lưới ứng cứu sự cố quốc gia, chia sẻ thông tin mã độc và lỗ hổng giữa các thành viên.",
      b: ["CYBERSECURITY_PRIVACY"],
    },
    {
      t: "Nền tảng hỗ trợ bảo vệ người dân trên không gian mạng",
      d: "Cảnh báo trang web lừa đảo, tiếp nhận phản ánh lừa đảo trực tuyến của người dân.",
      b: ["CYBERSECURITY_PRIVACY", "SENSORS_ANALYTICS"],
      p: ["USER_CENTRIC"],
    },
  ],
};

const BASIS = [
  "Thực hiện Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030 (Quyết định số 749/QĐ-TTg).",
  "Triển khai Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử (Đề án 06).",
  "Theo Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021 - 2025 (Quyết định số 942/QĐ-TTg).",
  "Phù hợp Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 2.0.",
  "Nằm trong kế hoạch chuyển đổi số giai đoạn 2021 - 2025 đã được phê duyệt.",
  "Thực hiện Chiến lược dữ liệu quốc gia đến năm 2030 (Quyết định số 142/QĐ-TTg).",
];

const BLOCKS: BuildingBlockCode[] = [
  "ONE_PORTAL",
  "SHARED_DATA",
  "SHARED_SERVICES",
  "SHARED_INFRASTRUCTURE",
  "SENSORS_ANALYTICS",
  "CYBERSECURITY_PRIVACY",
];
const PRINCIPLES: PrincipleCode[] = [
  "DIGITAL_BY_DEFAULT",
  "MOBILE_FIRST",
  "USER_CENTRIC",
  "FULLY_DIGITAL",
  "GOVERNMENT_AS_PLATFORM",
];
const ENABLERS: EnablerCode[] = ["LEADERSHIP_GOVERNANCE", "INTERNAL_INNOVATION", "SKILLS_CULTURE"];
const METRIC_CODES: MetricCode[] = [
  "SERVICES_ONLINE",
  "OPEN_DATASETS",
  "KPI_IMPROVEMENT",
  "SERVICES_NEW_RETIRED",
  "NEW_DELIVERY_MODELS",
];

/* ------------------------------------------------------------------------------------------------------------ */
/* KPI templates                                                                                                */
/* ------------------------------------------------------------------------------------------------------------ */

interface KpiTemplate {
  name: string;
  unit: string;
  dir: KpiDirection;
  b: [number, number];
  t: [number, number];
  /** decimals the values carry */
  dec: 0 | 1;
  max?: number;
  blocks: BuildingBlockCode[];
}

const KPI_TEMPLATES: KpiTemplate[] = [
  {
    name: "Tỷ lệ hồ sơ trực tuyến toàn trình",
    unit: "%",
    dir: "HIGHER_IS_BETTER",
    b: [15, 35],
    t: [60, 85],
    dec: 1,
    max: 100,
    blocks: ["ONE_PORTAL"],
  },
  {
    name: "Thời gian xử lý hồ sơ trung bình (ngày)",
    unit: "ngày",
    dir: "LOWER_IS_BETTER",
    b: [9, 15],
    t: [3, 5],
    dec: 1,
    blocks: ["ONE_PORTAL", "SHARED_SERVICES"],
  },
  {
    name: "Mức độ hài lòng của người dân",
    unit: "%",
    dir: "HIGHER_IS_BETTER",
    b: [66, 76],
    t: [90, 95],
    dec: 1,
    max: 100,
    blocks: ["ONE_PORTAL"],
  },
  {
    name: "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa",
    unit: "%",
    dir: "HIGHER_IS_BETTER",
    b: [10, 30],
    t: [80, 95],
    dec: 1,
    max: 100,
    blocks: ["SHARED_DATA", "ONE_PORTAL"],
  },
  {
    name: "Số cơ sở dữ liệu được kết nối, chia sẻ",
    unit: "cơ sở dữ liệu",
    dir: "HIGHER_IS_BETTER",
    b: [3, 8],
    t: [25, 40],
    dec: 0,
    blocks: ["SHARED_DATA"],
  },
  {
    name: "Số bộ dữ liệu mở được công bố",
    unit: "bộ dữ liệu",
    dir: "HIGHER_IS_BETTER",
    b: [5, 15],
    t: [60, 100],
    dec: 0,
    blocks: ["SHARED_DATA"],
  },
  {
    name: "Số sự cố an toàn thông tin nghiêm trọng trong quý",
    unit: "sự cố",
    dir: "LOWER_IS_BETTER",
    b: [14, 22],
    t: [1, 3],
    dec: 0,
    blocks: ["CYBERSECURITY_PRIVACY"],
  },
  {
    name: "Tỷ lệ hệ thống thông tin được phê duyệt cấp độ an toàn",
    unit: "%",
    dir: "HIGHER_IS_BETTER",
    b: [30, 50],
    t: [95, 100],
    dec: 1,
    max: 100,
    blocks: ["CYBERSECURITY_PRIVACY"],
  },
  {
    name: "Thời gian khắc phục sự cố (giờ)",
    unit: "giờ",
    dir: "LOWER_IS_BETTER",
    b: [36, 60],
    t: [8, 12],
    dec: 0,
    blocks: ["CYBERSECURITY_PRIVACY", "SHARED_INFRASTRUCTURE"],
  },
  {
    name: "Tỷ lệ hệ thống thông tin chạy trên nền tảng điện toán đám mây",
    unit: "%",
    dir: "HIGHER_IS_BETTER",
    b: [10, 25],
    t: [70, 90],
    dec: 1,
    max: 100,
    blocks: ["SHARED_INFRASTRUCTURE"],
  },
  {
    name: "Chi phí vận hành hạ tầng công nghệ thông tin (tỷ đồng/năm)",
    unit: "tỷ đồng",
    dir: "LOWER_IS_BETTER",
    b: [40, 60],
    t: [25, 32],
    dec: 1,
    blocks: ["SHARED_INFRASTRUCTURE"],
  },
  {
    name: "Số trạm quan trắc tự động đang hoạt động",
    unit: "trạm",
    dir: "HIGHER_IS_BETTER",
    b: [20, 60],
    t: [150, 250],
    dec: 0,
    blocks: ["SENSORS_ANALYTICS"],
  },
  {
    name: "Thời gian xử lý phản ánh hiện trường (giờ)",
    unit: "giờ",
    dir: "LOWER_IS_BETTER",
    b: [60, 96],
    t: [12, 24],
    dec: 0,
    blocks: ["SENSORS_ANALYTICS", "ONE_PORTAL"],
  },
  {
    name: "Tỷ lệ văn bản điện tử được ký số",
    unit: "%",
    dir: "HIGHER_IS_BETTER",
    b: [40, 60],
    t: [95, 100],
    dec: 1,
    max: 100,
    blocks: ["SHARED_SERVICES"],
  },
  {
    name: "Tỷ lệ cán bộ, công chức được đào tạo kỹ năng số",
    unit: "%",
    dir: "HIGHER_IS_BETTER",
    b: [10, 30],
    t: [80, 95],
    dec: 1,
    max: 100,
    blocks: ["SHARED_SERVICES"],
  },
  {
    name: "Tỷ lệ giao dịch thanh toán trực tuyến",
    unit: "%",
    dir: "HIGHER_IS_BETTER",
    b: [5, 20],
    t: [50, 70],
    dec: 1,
    max: 100,
    blocks: ["ONE_PORTAL", "SHARED_SERVICES"],
  },
  {
    name: "Tỷ lệ hồ sơ giải quyết quá hạn",
    unit: "%",
    dir: "LOWER_IS_BETTER",
    b: [6, 12],
    t: [0.5, 2],
    dec: 1,
    blocks: ["ONE_PORTAL"],
  },
  {
    name: "Số người dùng ứng dụng di động hằng tháng (nghìn người)",
    unit: "nghìn người",
    dir: "HIGHER_IS_BETTER",
    b: [20, 80],
    t: [300, 600],
    dec: 0,
    blocks: ["ONE_PORTAL"],
  },
];

/* ------------------------------------------------------------------------------------------------------------ */
/* Metric report texts                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

const REPORT_NOTES: Record<MetricCode, string[]> = {
  SERVICES_ONLINE: [
    "Số liệu tổng hợp từ Hệ thống thông tin giải quyết thủ tục hành chính.",
    "Mẫu số là tổng số thủ tục hành chính đã công bố trên Cơ sở dữ liệu quốc gia về thủ tục hành chính.",
  ],
  OPEN_DATASETS: [
    "Tính lũy kế các bộ dữ liệu đã công bố trên Cổng dữ liệu quốc gia.",
    "Bao gồm dữ liệu mở của các đơn vị trực thuộc.",
  ],
  KPI_IMPROVEMENT: [
    "Bình quân mức cải thiện của các chỉ tiêu trong kế hoạch chuyển đổi số.",
    "So sánh với cùng kỳ năm trước.",
  ],
  SERVICES_NEW_RETIRED: [
    "Gồm dịch vụ mới cung cấp và dịch vụ bãi bỏ theo quyết định công bố thủ tục hành chính trong quý.",
  ],
  NEW_DELIVERY_MODELS: ["Mô hình mới: liên thông nhóm thủ tục, dịch vụ chủ động, tự động hóa trả kết quả."],
};

const REJECT_COMMENTS: Record<MetricCode, string> = {
  SERVICES_ONLINE:
    "Mẫu số chưa khớp với số thủ tục hành chính đã công bố trên Cơ sở dữ liệu quốc gia; đề nghị rà soát và nộp lại.",
  OPEN_DATASETS: "Số bộ dữ liệu mở tăng bất thường so với quý trước; đề nghị bổ sung danh mục và đường dẫn minh chứng.",
  KPI_IMPROVEMENT: "Chưa nêu rõ phương pháp tính mức cải thiện; đề nghị bổ sung thuyết minh các chỉ tiêu được tính.",
  SERVICES_NEW_RETIRED: "Số dịch vụ bãi bỏ chưa có quyết định công bố kèm theo; đề nghị bổ sung minh chứng.",
  NEW_DELIVERY_MODELS: "Mô hình báo cáo đã được tính ở quý trước; đề nghị chỉ báo cáo mô hình mới trong kỳ.",
};

/* ------------------------------------------------------------------------------------------------------------ */
/* The generator                                                                                                */
/* ------------------------------------------------------------------------------------------------------------ */

interface Ids {
  org: Map<string, string>;
  admin: string;
  leadership: string;
  officers: Map<string, string>; // org code -> officer id
}

interface Built {
  organisations: Prisma.OrganisationCreateManyInput[];
  initiatives: Prisma.InitiativeCreateManyInput[];
  blocks: Prisma.InitiativeBuildingBlockCreateManyInput[];
  principles: Prisma.InitiativePrincipleCreateManyInput[];
  enablers: Prisma.InitiativeEnablerCreateManyInput[];
  reports: Prisma.MetricReportCreateManyInput[];
  kpis: Prisma.KpiCreateManyInput[];
  kpiValues: Prisma.KpiValueCreateManyInput[];
  targets: Prisma.NationalTargetCreateManyInput[];
}

/** Everything to insert, built in memory (ids included) so the writes are a handful of bulk inserts. */
function build(rng: Rng, now: Date, ids: Ids, orgs: OrgSeed[]): Built {
  const today = dateOnly(now);
  /** who writes for an organisation: its officer (or its parent's), else the admin */
  const writer = (o: OrgSeed) =>
    ids.officers.get(o.code) ?? (o.parent ? ids.officers.get(o.parent) : undefined) ?? ids.admin;

  const organisations = orgs.map((o) => ({
    id: ids.org.get(o.code)!,
    code: o.code,
    nameVi: o.nameVi,
    nameEn: o.nameEn,
    kind: o.kind,
    parentId: o.parent ? ids.org.get(o.parent)! : null,
    validFrom: o.validFrom ? new Date(`${o.validFrom}T00:00:00Z`) : null,
    createdAt: o.validFrom ? addDays(new Date(`${o.validFrom}T00:00:00Z`), -rng.int(5, 20)) : addDays(today, -rng.int(900, 960)),
  }));

  /* ---------- initiatives ---------- */
  const initiatives: Prisma.InitiativeCreateManyInput[] = [];
  const blocks: Prisma.InitiativeBuildingBlockCreateManyInput[] = [];
  const principles: Prisma.InitiativePrincipleCreateManyInput[] = [];
  const enablers: Prisma.InitiativeEnablerCreateManyInput[] = [];
  const meta = new Map<
    string,
    { status: InitiativeStatus; blocks: BuildingBlockCode[]; createdAt: Date; overdue: boolean; archived: boolean; born: boolean }
  >();

  for (const o of orgs) {
    // a dissolved body's initiatives are as they stood the day before its dissolution (the restructuring then moves
    // the live ones); a body created in 2025 has none older than itself
    const oNow = o.until ? new Date(Date.parse(`${o.until}T00:00:00Z`) - DAY + 3 * 3_600_000) : now;
    const oToday = dateOnly(oNow);
    const born = o.validFrom ? new Date(`${o.validFrom}T00:00:00Z`) : null;
    const pool =
      o.kind === "MINISTRY"
        ? [...COMMON, ...MINISTRY_ONLY]
        : o.kind === "PROVINCE"
          ? [...COMMON, ...PROVINCE_ONLY]
          : COMMON;
    const sector = SECTOR[o.code] ?? [];
    const templates = [...sector, ...rng.shuffle(pool)];
    const count = o.kind === "AGENCY" ? rng.int(2, 4) : o.kind === "MINISTRY" ? rng.int(6, 8) : rng.int(7, 9);
    let seq = rng.int(1, 15);
    const author = writer(o);
    for (const tpl of templates.slice(0, count)) {
      const id = rng.uuid();
      const status = rng.weighted<InitiativeStatus>([
        ["PLANNED", 16],
        ["IN_PROGRESS", 44],
        ["COMPLETED", 22],
        ["ON_HOLD", 10],
        ["CANCELLED", 8],
      ]);
      const label = labelOf(o);
      const title = tpl.t.replace("{o}", label);
      const description = [tpl.d.replace(/\{o\}/g, label), rng.pick(BASIS), `Đơn vị chủ trì: ${o.nameVi}.`].join(" ");

      // stages follow the organisation's evidence, with some optimism
      const current = clamp(o.stage + rng.pick([-1, 0, 0, 1]), 1, 5);
      const target = status === "COMPLETED" ? current : clamp(current + rng.pick([0, 1, 1, 2]), current, 5);

      let start: Date | null;
      let end: Date | null;
      let progress: number;
      let overdue = false;
      let stale = false;
      switch (status) {
        case "COMPLETED": {
          end = addDays(oToday, -rng.int(20, 700));
          start = addDays(end, -rng.int(180, 900));
          progress = 100;
          break;
        }
        case "IN_PROGRESS": {
          overdue = rng.chance(0.09);
          if (overdue) {
            end = addDays(oToday, -rng.int(10, 200));
            start = addDays(end, -rng.int(180, 900));
          } else {
            start = addDays(oToday, -rng.int(60, 1000));
            end = addDays(oToday, rng.int(30, 720));
          }
          const elapsed = (oToday.getTime() - start.getTime()) / (end.getTime() - start.getTime());
          progress = overdue ? rng.int(60, 95) : clamp(Math.round(elapsed * 100 + rng.int(-15, 10)), 5, 95);
          break;
        }
        case "PLANNED": {
          stale = rng.chance(0.25);
          const dated = rng.chance(0.8);
          start = dated ? addDays(oToday, rng.int(-30, 270)) : null;
          end = start ? addDays(start, rng.int(180, 1080)) : null;
          progress = rng.chance(0.8) ? 0 : rng.int(1, 5);
          break;
        }
        case "ON_HOLD": {
          start = addDays(oToday, -rng.int(120, 900));
          end = addDays(start, rng.int(365, 1100));
          progress = rng.int(10, 60);
          break;
        }
        default: {
          start = addDays(oToday, -rng.int(200, 1000));
          end = rng.chance(0.7) ? addDays(start, rng.int(180, 720)) : null;
          progress = rng.int(0, 40);
        }
      }

      // money in VND, rounded to 100 million; log-uniform so a few large programmes dominate the budget
      let budgetPlanned: bigint | null = null;
      let budgetSpent: bigint | null = null;
      if (rng.chance(0.88)) {
        // a sector's flagship programmes (national platforms, databases) cost more than the common ones
        const [lo, hi] = sector.includes(tpl)
          ? [20, 600]
          : o.kind === "AGENCY"
            ? [0.5, 30]
            : o.kind === "MINISTRY"
              ? [2, 150]
              : [1, 90];
        const billions = Math.exp(rng.float(Math.log(lo), Math.log(hi)));
        const planned = Math.max(1, Math.round(billions * 10)) * 100_000_000;
        budgetPlanned = BigInt(planned);
        if (status !== "PLANNED" && rng.chance(0.92)) {
          const factor = status === "COMPLETED" ? rng.float(0.86, 1.04) : rng.float(0.75, 1.05);
          budgetSpent = BigInt(Math.round((planned * (progress / 100) * factor) / 1_000_000) * 1_000_000);
        } else if (status === "PLANNED" && rng.chance(0.3)) {
          budgetSpent = 0n;
        }
      }

      // times: created before the work starts, last changed recently unless the record is stale or finished
      let createdAt = stale
        ? addDays(oNow, -rng.int(150, 420))
        : minDate(addDays(start ?? oToday, -rng.int(15, 120)), addDays(oNow, -rng.int(7, 60)));
      if (born && createdAt < born) createdAt = addDays(born, rng.float(2, 40));
      let updatedAt: Date;
      if (stale) updatedAt = minDate(addDays(createdAt, rng.int(0, 30)), addDays(oNow, -rng.int(95, 140)));
      else if (status === "COMPLETED") updatedAt = minDate(addDays(end!, rng.int(0, 20)), addDays(oNow, -1));
      else if (status === "PLANNED" || status === "IN_PROGRESS") updatedAt = addDays(oNow, -rng.float(0, 60));
      else updatedAt = addDays(oNow, -rng.float(10, 300));
      updatedAt = maxDate(
        new Date(updatedAt.getTime() + rng.int(0, 36_000_000)),
        new Date(createdAt.getTime() + 3_600_000),
      );
      if (updatedAt > oNow) updatedAt = new Date(oNow.getTime() - rng.int(60_000, 3_600_000));

      const archived =
        !overdue &&
        !stale &&
        ((status === "CANCELLED" && rng.chance(0.45)) || (status === "COMPLETED" && rng.chance(0.06)));
      const archivedAt = archived ? updatedAt : null;

      const externalRef = rng.chance(0.6)
        ? `${o.code}-${(start ?? createdAt).getUTCFullYear()}-${String(seq).padStart(3, "0")}`
        : null;
      seq += rng.int(1, 9);

      initiatives.push({
        id,
        organisationId: ids.org.get(o.code)!,
        title,
        description,
        status,
        currentStage: current,
        targetStage: target,
        startDate: start ? dateOnly(start) : null,
        endDate: end ? dateOnly(end) : null,
        budgetPlanned,
        budgetSpent,
        progress,
        externalRef,
        version: stale ? rng.int(1, 2) : status === "PLANNED" ? rng.int(1, 3) : rng.int(2, 9) + (archived ? 1 : 0),
        archivedAt,
        createdAt,
        updatedAt,
        createdById: author,
        updatedById: rng.chance(0.85) ? author : ids.admin,
      });

      const bs = new Set<BuildingBlockCode>(tpl.b);
      if (bs.size < 3 && rng.chance(0.25)) bs.add(rng.pick(BLOCKS));
      const ps = new Set<PrincipleCode>(tpl.p ?? []);
      while (ps.size < 3 && rng.chance(ps.size === 0 ? 0.45 : 0.25)) ps.add(rng.pick(PRINCIPLES));
      const es = new Set<EnablerCode>(tpl.e ?? []);
      while (es.size < 2 && rng.chance(es.size === 0 ? 0.3 : 0.15)) es.add(rng.pick(ENABLERS));
      for (const b of bs) blocks.push({ initiativeId: id, blockCode: b });
      for (const p of ps) principles.push({ initiativeId: id, principleCode: p });
      for (const e of es) enablers.push({ initiativeId: id, enablerCode: e });
      meta.set(id, { status, blocks: [...bs], createdAt, overdue, archived, born: !!born });
    }
  }

  /* ---------- metric reports: from 2024-Q1 to the current quarter, by the bodies in force for each ---------- */
  const current = currentPeriod(now);
  const latest = addQuarters(current, -1);
  const periods = periodRange(FIRST_DEMO_PERIOD, current);
  /** the index of the latest complete quarter, where the trajectories end */
  const L = periods.length - 2;
  const reports: Prisma.MetricReportCreateManyInput[] = [];
  // national figures of the first quarter: the baselines of the national targets
  const first = { num: 0, den: 0, nrNum: 0, nrDen: 0, od: 0, kpi: [] as number[], ndm: 0 };

  for (const o of orgs) {
    if (!o.reports) continue;
    const s = o.stage;
    const author = writer(o);
    const den0 =
      o.kind === "PROVINCE" ? rng.int(1200, 2100) : o.kind === "MINISTRY" ? rng.int(160, 650) : rng.int(80, 300);
    // final (latest quarter) figures sit on the right side of each threshold for the organisation's stage
    const soEnd = s >= 2 ? rng.float(56, 62) + 6 * (s - 2) + rng.float(0, 8) : rng.float(26, 45);
    const soStart = Math.max(8, soEnd - rng.float(12, 30));
    const odEnd = s >= 3 ? rng.int(12, 30) * (s - 2) + rng.int(0, 20) : s === 2 ? rng.int(4, 9) : rng.int(0, 6);
    const odStart = Math.round(odEnd * rng.float(0.3, 0.55));
    const kpiEnd =
      s >= 4 ? rng.float(12, 24) + (s - 4) * rng.float(0, 14) : s === 3 ? rng.float(2, 9) : rng.float(-5, 8);
    const kpiStart = Math.max(-5, kpiEnd - rng.float(4, 12));
    const nrEnd = s === 5 ? rng.float(6.5, 18) : rng.float(1.6, 4);
    const nrStart = Math.max(1.3, nrEnd * rng.float(0.4, 0.7));
    const ndmEnd = s === 5 ? rng.int(3, 6) : s === 4 ? rng.int(2, 4) : s === 3 ? rng.int(1, 3) : rng.int(0, 2);

    // statuses of the latest quarter
    const latestStatus = new Map<MetricCode, ReportStatus | null>();
    const missing = new Set(o.latest === "G" ? rng.shuffle(METRIC_CODES).slice(0, rng.int(2, 3)) : []);
    const rejected = o.latest === "R" ? rng.pick(METRIC_CODES) : null;
    const mix = rng.shuffle<ReportStatus>(["APPROVED", "APPROVED", "SUBMITTED", "DRAFT", "SUBMITTED"]);
    METRIC_CODES.forEach((m, i) => {
      const st: ReportStatus | null =
        o.latest === "A"
          ? "APPROVED"
          : o.latest === "S"
            ? "SUBMITTED"
            : o.latest === "D"
              ? "DRAFT"
              : o.latest === "N"
                ? null
                : o.latest === "M"
                  ? mix[i]
                  : o.latest === "R"
                    ? m === rejected
                      ? "REJECTED"
                      : "APPROVED"
                    : missing.has(m)
                      ? null
                      : rng.pick<ReportStatus>(["APPROVED", "SUBMITTED"]);
      latestStatus.set(m, st);
    });

    // the current quarter is under way: some bodies have drafts, a few have submitted already
    const currentStatus = new Map<MetricCode, ReportStatus | null>();
    const draw = rng.next();
    const started = o.latest === "N" || draw < 0.4 ? 0 : rng.int(1, 3);
    METRIC_CODES.forEach((m, i) => currentStatus.set(m, i >= started ? null : draw > 0.75 && i === 0 ? "SUBMITTED" : "DRAFT"));

    const validity = { validFrom: o.validFrom, validTo: o.until };
    let od = 0;
    periods.forEach((period, t) => {
      if (!inForceFor(validity, period)) return;
      const isCurrent = period === current;
      const isLatest = period === latest;
      const f = Math.min(1, t / L);
      const wobble = (amp: number) => (isLatest ? 0 : rng.float(-amp, amp));
      const den = isLatest || isCurrent ? den0 : Math.max(50, Math.round(den0 * (1 + (rng.float(-0.03, 0.01) * (L - t)) / L)));
      const soNum = clamp(Math.round(((soStart + (soEnd - soStart) * f + wobble(1.2)) / 100) * den), 0, den);
      // kept within 1..20 % whatever the rounding
      const nrNum = clamp(
        Math.round(((nrStart + (nrEnd - nrStart) * f + wobble(0.4)) / 100) * den),
        Math.ceil(den / 100),
        Math.floor(den / 5),
      );
      od = Math.max(od, Math.round(odStart + (odEnd - odStart) * f + wobble(1)));
      if (isLatest) od = Math.max(od, odEnd);
      const kpi = round1(clamp(kpiStart + (kpiEnd - kpiStart) * f + wobble(1.5), -5, 40));
      const ndm = clamp(Math.round(ndmEnd * f + wobble(0.8)), 0, 6);

      const figures: Record<MetricCode, { value: number; numerator?: number; denominator?: number }> = {
        SERVICES_ONLINE: { value: (soNum / den) * 100, numerator: soNum, denominator: den },
        OPEN_DATASETS: { value: od },
        KPI_IMPROVEMENT: { value: kpi },
        SERVICES_NEW_RETIRED: { value: (nrNum / den) * 100, numerator: nrNum, denominator: den },
        NEW_DELIVERY_MODELS: { value: ndm },
      };
      if (t === 0) {
        first.num += soNum;
        first.den += den;
        first.nrNum += nrNum;
        first.nrDen += den;
        first.od += od;
        first.kpi.push(kpi);
        first.ndm += ndm;
      }

      const end = periodEnd(period);
      for (const m of METRIC_CODES) {
        const status: ReportStatus | null = isCurrent ? currentStatus.get(m)! : isLatest ? latestStatus.get(m)! : "APPROVED";
        if (!status) continue;
        // older quarters: written within two weeks of the quarter's end, reviewed within the next; the latest
        // quarter's events fall between three weeks before its end and now
        let created: Date;
        let submitted: Date | null = null;
        let reviewed: Date | null = null;
        if (isCurrent) {
          const from = addDays(end, -91).getTime();
          const span = now.getTime() - 300_000 - from;
          created = new Date(from + span * rng.float(0.3, 0.8));
          submitted = status === "SUBMITTED" ? new Date(created.getTime() + (now.getTime() - 300_000 - created.getTime()) * rng.next()) : null;
        } else if (!isLatest) {
          created = addDays(end, rng.float(3, 15));
          submitted = addDays(created, rng.float(0.5, 5));
          reviewed = addDays(submitted, rng.float(1, 8));
        } else {
          const from = addDays(end, -21).getTime();
          const span = now.getTime() - 300_000 - from;
          const [a, b, c] = [rng.next(), rng.next(), rng.next()].sort((x, y) => x - y);
          created = new Date(from + span * a * 0.6);
          submitted = new Date(from + span * (0.6 * a + 0.4 * b));
          reviewed = new Date(from + span * Math.max(c, 0.6 * a + 0.4 * b + 0.01));
          if (status === "DRAFT") submitted = null;
          if (status === "DRAFT" || status === "SUBMITTED") reviewed = null;
        }
        const fig = figures[m];
        const reviewer =
          status === "APPROVED" || status === "REJECTED" ? (rng.chance(0.85) ? ids.leadership : ids.admin) : null;
        reports.push({
          id: rng.uuid(),
          organisationId: ids.org.get(o.code)!,
          period,
          metricCode: m,
          value: fig.value,
          numerator: fig.numerator !== undefined ? BigInt(fig.numerator) : null,
          denominator: fig.denominator !== undefined ? BigInt(fig.denominator) : null,
          evidenceUrl: rng.chance(0.55)
            ? `https://baocao.demo.gov.vn/${o.code.toLowerCase()}/${period.toLowerCase()}/${m.toLowerCase().replace(/_/g, "-")}`
            : null,
          note: rng.chance(0.3) ? rng.pick(REPORT_NOTES[m]) : null,
          status,
          reviewComment:
            status === "REJECTED"
              ? REJECT_COMMENTS[m]
              : status === "APPROVED" && rng.chance(0.1)
                ? "Số liệu phù hợp với minh chứng."
                : null,
          version: status === "DRAFT" ? 1 : status === "SUBMITTED" ? 2 : 3,
          submittedAt: submitted,
          reviewedAt: reviewer ? reviewed : null,
          reviewedById: reviewer,
          createdAt: created,
          updatedAt: reviewer ? reviewed! : (submitted ?? created),
          createdById: author,
          updatedById: author,
        });
      }
    });
  }

  /* ---------- KPIs on about 30 initiatives, in every rating status ---------- */
  const kpis: Prisma.KpiCreateManyInput[] = [];
  const kpiValues: Prisma.KpiValueCreateManyInput[] = [];
  const LI = periodIndex(latest)!;
  const eligible = (st: InitiativeStatus) =>
    rng.shuffle(
      initiatives.filter((i) => {
        const m = meta.get(i.id!)!;
        return m.status === st && !m.archived && !m.overdue && !m.born;
      }),
    );
  const completed = eligible("COMPLETED").slice(0, 6);
  const running = eligible("IN_PROGRESS").slice(0, 24);
  const cycle: RatingStatus[] = [
    "NOT_ENOUGH_DATA",
    "ON_TRACK",
    "ACCELERATION_NEEDED",
    "LIMITED_PROGRESS",
    "DETERIORATING",
    "ACHIEVED",
    "MISSED",
  ];
  const plan: { initiative: Prisma.InitiativeCreateManyInput; want: RatingStatus }[] = [
    ...completed.map((initiative, i) => ({ initiative, want: (i % 3 === 2 ? "MISSED" : "ACHIEVED") as RatingStatus })),
    ...running.map((initiative, i) => ({ initiative, want: cycle[i % cycle.length] })),
    // a second KPI on a few, so an initiative's list shows contrasting ratings
    ...running.slice(0, 6).map((initiative, i) => ({
      initiative,
      want: (
        [
          "ON_TRACK",
          "LIMITED_PROGRESS",
          "DETERIORATING",
          "ACCELERATION_NEEDED",
          "NOT_ENOUGH_DATA",
          "ACHIEVED",
        ] as RatingStatus[]
      )[i],
    })),
  ];
  const usedTemplates = new Map<string, Set<string>>();
  for (const { initiative, want } of plan) {
    const m = meta.get(initiative.id!)!;
    const used = usedTemplates.get(initiative.id!) ?? new Set<string>();
    usedTemplates.set(initiative.id!, used);
    const fitting = KPI_TEMPLATES.filter((k) => !used.has(k.name) && k.blocks.some((b) => m.blocks.includes(b)));
    const tpl = rng.pick(fitting.length ? fitting : KPI_TEMPLATES.filter((k) => !used.has(k.name)));
    used.add(tpl.name);
    const k = makeKpi(rng, tpl, want, LI);
    const id = rng.uuid();
    const createdAt = minDate(
      maxDate(addDays(m.createdAt, rng.int(1, 30)), addDays(periodEnd(k.baselinePeriod), rng.int(1, 20))),
      new Date(now.getTime() - 3_600_000),
    );
    const lastValue = k.values.length ? periodEnd(k.values[k.values.length - 1].period) : createdAt;
    const updatedAt = minDate(maxDate(addDays(lastValue, rng.int(2, 20)), createdAt), new Date(now.getTime() - 60_000));
    kpis.push({
      id,
      initiativeId: initiative.id!,
      name: tpl.name,
      unit: tpl.unit,
      direction: tpl.dir,
      baseline: k.baseline,
      baselinePeriod: k.baselinePeriod,
      target: k.target,
      targetPeriod: k.targetPeriod,
      version: 1 + k.values.length,
      createdAt,
      updatedAt,
    });
    for (const v of k.values) kpiValues.push({ kpiId: id, period: v.period, value: v.value });
  }

  /* ---------- national targets: from the first reported quarter to four quarters ahead ---------- */
  const basePeriod = periods[0];
  const targetPeriod = addQuarters(currentPeriod(now), 4);
  const so = Math.round((first.num / first.den) * 100);
  const nr = round1((first.nrNum / first.nrDen) * 100);
  const kpiMean = round1(first.kpi.reduce((a, b) => a + b, 0) / first.kpi.length);
  const goals: [MetricCode, number, number][] = [
    ["SERVICES_ONLINE", so, Math.max(80, so + 10)],
    ["OPEN_DATASETS", first.od, Math.ceil((first.od * 3) / 50) * 50 || 50],
    ["KPI_IMPROVEMENT", kpiMean, Math.max(25, kpiMean + 5)],
    ["SERVICES_NEW_RETIRED", nr, Math.max(10, nr + 2)],
    ["NEW_DELIVERY_MODELS", first.ndm, Math.max(first.ndm + 10, Math.round(first.ndm * 2.5))],
  ];
  const targets = goals.map(([metricCode, baseline, target]) => ({
    metricCode,
    baseline,
    baselinePeriod: basePeriod,
    target,
    targetPeriod,
    updatedAt: addDays(periodEnd(basePeriod), 20),
  }));

  return { organisations, initiatives, blocks, principles, enablers, reports, kpis, kpiValues, targets };
}

/**
 * A KPI whose values rate as `want` (spec/targets.md) at the latest reported quarter `L` (a quarter index).
 * Values are drawn on a noisy path towards the wanted pace; the draw is repeated until the rating agrees.
 */
function makeKpi(rng: Rng, tpl: KpiTemplate, want: RatingStatus, L: number) {
  const s = tpl.dir === "HIGHER_IS_BETTER" ? 1 : -1;
  const r = (x: number) => (tpl.dec === 1 ? round1(x) : Math.round(x));
  const fit = (x: number) => r(clamp(x, 0, tpl.max ?? Infinity));
  for (let attempt = 0; attempt < 50; attempt++) {
    const b = r(rng.float(...tpl.b));
    const t = r(rng.float(...tpl.t));
    let qb: number;
    let qt: number;
    let final: number;
    switch (want) {
      case "NOT_ENOUGH_DATA":
        qb = L - rng.int(0, 1);
        qt = qb + rng.int(4, 8);
        final = NaN;
        break;
      case "ACHIEVED":
        qb = L - rng.int(5, 7);
        qt = L + rng.int(-2, 3);
        final = t + (t - b) * rng.float(0, 0.08);
        break;
      case "MISSED":
        qb = L - 7;
        qt = L - rng.int(1, 2);
        final = b + (t - b) * rng.float(0.55, 0.85);
        break;
      default: {
        qb = L - rng.int(4, 6);
        qt = L + rng.int(3, 6);
        const pace = (L - qb) / (qt - qb);
        const R =
          want === "ON_TRACK"
            ? rng.float(1.0, 1.2)
            : want === "ACCELERATION_NEEDED"
              ? rng.float(0.68, 0.88)
              : want === "LIMITED_PROGRESS"
                ? rng.float(0.15, 0.5)
                : -rng.float(0.08, 0.3);
        final = b + (t - b) * R * pace;
      }
    }
    const values: { period: string; value: number }[] = [];
    if (want !== "NOT_ENOUGH_DATA") {
      const n = L - qb;
      for (let k = 1; k <= n; k++) {
        const along = b + ((final - b) * k) / n;
        // a worsening KPI first improved a little, then fell back
        const hump = want === "DETERIORATING" ? (t - b) * 0.15 * Math.sin((Math.PI * k) / n) : 0;
        const noise = k === n ? 0 : (t - b) * rng.float(-0.05, 0.05);
        values.push({ period: periodFromIndex(qb + k), value: fit(along + hump + noise) });
      }
    }
    const goal = {
      direction: tpl.dir,
      baseline: b,
      baselinePeriod: periodFromIndex(qb),
      target: t,
      targetPeriod: periodFromIndex(qt),
    };
    if (s * (t - b) > 0 && rate(goal, values).status === want) return { ...goal, values };
  }
  throw new Error(`could not draw a KPI rated ${want} from "${tpl.name}"`);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Bulk inserts                                                                                                 */
/* ------------------------------------------------------------------------------------------------------------ */

/** the column of a createMany key: createdById → created_by, metricCode → metric_code */
const column = (key: string) => key.replace(/ById$/, "By").replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * One INSERT … SELECT FROM jsonb_to_recordset per table: thousands of rows in one statement with one parameter
 * (createMany through the driver adapter spent ~10 ms a row on a busy machine). Triggers run as for any insert.
 */
async function bulkInsert(tx: Prisma.TransactionClient, table: string, columns: [key: string, type: string][], rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const [k] of columns) {
        const v = (r as Record<string, unknown>)[k];
        o[column(k)] = v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : (v ?? null);
      }
      return o;
    }),
  );
  const cols = columns.map(([k]) => column(k)).join(", ");
  const defs = columns.map(([k, t]) => `${column(k)} ${t}`).join(", ");
  await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM jsonb_to_recordset($1::jsonb) AS x(${defs})`, json);
}

const INITIATIVE_COLUMNS: [string, string][] = [
  ["id", "uuid"], ["organisationId", "uuid"], ["title", "text"], ["description", "text"], ["status", '"InitiativeStatus"'],
  ["currentStage", "smallint"], ["targetStage", "smallint"], ["startDate", "date"], ["endDate", "date"],
  ["budgetPlanned", "bigint"], ["budgetSpent", "bigint"], ["progress", "smallint"], ["externalRef", "text"], ["version", "int"],
  ["archivedAt", "timestamptz"], ["createdAt", "timestamptz"], ["updatedAt", "timestamptz"], ["createdById", "uuid"], ["updatedById", "uuid"],
];
const REPORT_COLUMNS: [string, string][] = [
  ["id", "uuid"], ["organisationId", "uuid"], ["period", "text"], ["metricCode", "text"], ["value", "float8"],
  ["numerator", "bigint"], ["denominator", "bigint"], ["evidenceUrl", "text"], ["note", "text"], ["status", '"ReportStatus"'],
  ["reviewComment", "text"], ["version", "int"], ["submittedAt", "timestamptz"], ["reviewedAt", "timestamptz"], ["reviewedById", "uuid"],
  ["createdAt", "timestamptz"], ["updatedAt", "timestamptz"], ["createdById", "uuid"], ["updatedById", "uuid"],
];

/* ------------------------------------------------------------------------------------------------------------ */
/* Entry point                                                                                                  */
/* ------------------------------------------------------------------------------------------------------------ */

/** Any number, kept for the advisory lock that serialises concurrent seeders. */
const SEED_LOCK_KEY = 0x5eed_d60;

/**
 * Writes the demo data unless any organisation exists (then nothing, `seeded: false`). Either way answers the demo
 * sign-ins present in the database, and creates `opts.adminEmail` as an ADMIN when no user has that email.
 */
export async function seedDemo(databaseUrl: string, opts: SeedOptions = {}): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    const adminEmail = opts.adminEmail?.trim().toLowerCase() || undefined;
    const wantAdmin =
      adminEmail && opts.adminPassword ? { email: adminEmail, password: opts.adminPassword } : undefined;
    const fresh = (await prisma.organisation.count()) === 0;

    // argon2 outside the transaction: it is the slow part and holds no lock
    const demoUsers = DEMO_USERS.filter((u) => u.email !== wantAdmin?.email);
    const [demoHash, adminHash] = await Promise.all([
      fresh ? hashPassword(DEMO_PASSWORD) : Promise.resolve(""),
      wantAdmin ? hashPassword(wantAdmin.password) : Promise.resolve(""),
    ]);

    const seeded = await prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
        if (wantAdmin && !(await tx.user.findUnique({ where: { email: wantAdmin.email }, select: { id: true } }))) {
          await tx.user.create({
            data: { email: wantAdmin.email, name: "Quản trị viên", role: "ADMIN", passwordHash: adminHash },
          });
          log(`created the ADMIN ${wantAdmin.email}`);
        }
        if (!fresh || (await tx.organisation.count()) > 0) return false;

        const started = Date.now();
        const rng = new Rng(20_261_129);
        const now = new Date();
        const orgs = organisationSeeds();
        const ids: Ids = {
          org: new Map(orgs.map((o) => [o.code, rng.uuid()])),
          admin: "",
          leadership: "",
          officers: new Map(),
        };
        const userRows = demoUsers.map((u) => {
          const id = rng.uuid();
          if (u.role === "ADMIN") ids.admin = id;
          if (u.role === "LEADERSHIP") ids.leadership = id;
          if (u.org) ids.officers.set(u.org, id);
          return {
            id,
            email: u.email,
            name: u.name,
            role: u.role,
            organisationId: u.org ? ids.org.get(u.org)! : null,
            passwordHash: demoHash,
          };
        });
        // the configured admin stands in for the demo admin it replaced
        if (!ids.admin)
          ids.admin = (
            await tx.user.findUniqueOrThrow({ where: { email: wantAdmin!.email }, select: { id: true } })
          ).id;
        if (!ids.leadership) ids.leadership = ids.admin;

        const data = build(rng, now, ids, orgs);
        const built = Date.now();
        // parents before agencies: the parent_id foreign key is checked row by row
        await tx.organisation.createMany({ data: data.organisations.filter((o) => !o.parentId) });
        await tx.organisation.createMany({ data: data.organisations.filter((o) => o.parentId) });
        await tx.user.createMany({ data: userRows });
        await bulkInsert(tx, "initiatives", INITIATIVE_COLUMNS, data.initiatives);
        await bulkInsert(tx, "initiative_building_blocks", [["initiativeId", "uuid"], ["blockCode", "text"]], data.blocks);
        await bulkInsert(tx, "initiative_principles", [["initiativeId", "uuid"], ["principleCode", "text"]], data.principles);
        await bulkInsert(tx, "initiative_enablers", [["initiativeId", "uuid"], ["enablerCode", "text"]], data.enablers);
        await bulkInsert(tx, "metric_reports", REPORT_COLUMNS, data.reports);
        await tx.kpi.createMany({ data: data.kpis });
        await tx.kpiValue.createMany({ data: data.kpiValues });
        // the three 2025 changes, through the code path of POST /api/v1/restructurings: predecessors end, live
        // initiatives (with their KPIs) and agencies move to the primary successor, each with its history entry
        const adminEmail = userRows.find((u) => u.id === ids.admin)?.email ?? wantAdmin!.email;
        const inserted = Date.now();
        for (const r of RESTRUCTURINGS_2025) {
          const input = restructuringInput.parse({
            effectiveDate: r.effectiveDate,
            legalBasis: r.legalBasis,
            note: r.note,
            successions: r.successions.map((x) => ({
              fromId: ids.org.get(x.from)!,
              toIds: x.to.map((c) => ids.org.get(c)!),
              historyTo: ids.org.get(x.historyTo)!,
            })),
          });
          await runRestructuring(tx, { id: ids.admin, email: adminEmail }, input, now);
        }
        log(`built in ${built - started} ms, inserted in ${inserted - built} ms, the 2025 restructurings applied in ${Date.now() - inserted} ms`);
        // targets an admin already set are theirs to keep
        await tx.nationalTarget.createMany({ data: data.targets, skipDuplicates: true });
        log(
          `demo data: ${data.organisations.length} organisations, ${userRows.length} accounts, ${data.initiatives.length} initiatives, ` +
            `${data.reports.length} metric reports, ${data.kpis.length} KPIs, ${data.targets.length} national targets (${Date.now() - started} ms)`,
        );
        return true;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );

    const present = new Set(
      (
        await prisma.user.findMany({
          where: { email: { in: demoUsers.map((u) => u.email) }, active: true },
          select: { email: true },
        })
      ).map((u) => u.email),
    );
    return { seeded, accounts: demoAccounts().filter((a) => present.has(a.email)) };
  } finally {
    await prisma.$disconnect();
  }
}

// `npx tsx prisma/seed.ts`: seed DATABASE_URL (already migrated)
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set");
    process.exit(1);
  }
  seedDemo(url, {
    log: (s) => console.log(s),
    adminEmail: process.env.INITIAL_ADMIN_EMAIL,
    adminPassword: process.env.INITIAL_ADMIN_PASSWORD,
  })
    .then((r) => {
      console.log(r.seeded ? "demo data written" : "organisations already exist: demo data left as it is");
      for (const a of r.accounts)
        console.log(
          `  ${a.role.padEnd(10)} ${a.email.padEnd(28)} ${a.password}${a.organisation ? `  (${a.organisation})` : ""}`,
        );
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
