/**
 * A national-scale data set for benchmarks (scripts/bench-seed.ts, scripts/bench.ts): 700 organisations
 * (30 ministries, 70 provinces, 600 agencies), N initiatives with Vietnamese titles over blocks, statuses and
 * stages, and metric reports over the last quarters in every workflow state.
 *
 * Everything is generated inside PostgreSQL (INSERT ... SELECT over generate_series): no row crosses the wire, so a
 * million initiatives load in a few minutes on two cores. Every value comes from hashint8extended(row, seed), so the
 * same seed gives the same data (ids included: md5 of seed and row number), whatever the batch size.
 * The load runs with the triggers off and without the secondary indexes (see seedBench): search_text is written as the
 * search-text trigger would, the indexes are built once at the end and the summaries rebuilt once
 * (initiative_stats_rebuild(), the migration's own backfill).
 *
 * No `server-only` here: used by a tsx script and by Vitest.
 */
import pg from "pg";
import { addQuarters, currentPeriod } from "../../lib/domain/periods";
import { applyMigrations } from "./migrate";

export interface BenchSeedOptions {
  initiatives: number;
  reports: number;
  /** quarters of reports, ending with the current one; at least enough for `reports` (700 x 5 per quarter at most) */
  quarters?: number;
  seed: number;
  batch?: number;
  log?: (line: string) => void;
  /** now, for the current quarter (tests) */
  now?: Date;
}

export interface BenchSeedResult {
  organisations: number;
  initiatives: number;
  links: number;
  reports: number;
  quarters: number;
  firstPeriod: string;
  lastPeriod: string;
  seconds: number;
}

export const BENCH_ORG_PREFIX = "BM_";
export const MINISTRIES = 30;
export const PROVINCES = 70;
export const AGENCIES = 600;
const ORGS = MINISTRIES + PROVINCES + AGENCIES;
const METRIC_CODES = ["SERVICES_ONLINE", "OPEN_DATASETS", "KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED", "NEW_DELIVERY_MODELS"];

const MINISTRY_NAMES = [
  "Bộ Khoa học và Công nghệ", "Bộ Tài chính", "Bộ Công an", "Bộ Quốc phòng", "Bộ Ngoại giao", "Bộ Tư pháp",
  "Bộ Công Thương", "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng", "Bộ Nội vụ", "Bộ Giáo dục và Đào tạo", "Bộ Y tế",
  "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Dân tộc và Tôn giáo", "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ",
  "Văn phòng Chính phủ", "Bảo hiểm xã hội Việt Nam", "Thông tấn xã Việt Nam", "Đài Truyền hình Việt Nam",
  "Đài Tiếng nói Việt Nam", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Viện Hàn lâm Khoa học xã hội Việt Nam",
  "Đại học Quốc gia Hà Nội", "Đại học Quốc gia Thành phố Hồ Chí Minh", "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp",
  "Kiểm toán Nhà nước", "Tòa án nhân dân tối cao", "Viện Kiểm sát nhân dân tối cao", "Văn phòng Quốc hội",
];
const PROVINCE_NAMES = [
  "Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "An Giang", "Bà Rịa – Vũng Tàu",
  "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận",
  "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam",
  "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
  "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên",
  "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
  "Thái Nguyên", "Thanh Hóa", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
  "Đặc khu Phú Quốc", "Đặc khu Vân Đồn", "Đặc khu Côn Đảo", "Đặc khu Lý Sơn", "Đặc khu Bạch Long Vĩ", "Đặc khu Cát Hải",
  "Đặc khu Phú Quý",
];
const AGENCY_KINDS = [
  "Cục Chuyển đổi số", "Trung tâm Công nghệ thông tin", "Cục Thống kê", "Trung tâm Dữ liệu", "Sở Khoa học và Công nghệ",
  "Trung tâm Phục vụ hành chính công", "Cục An toàn thông tin", "Viện Chiến lược", "Trung tâm Giám sát điều hành",
  "Sở Nội vụ",
];

const VERBS = ["Xây dựng", "Triển khai", "Nâng cấp", "Hoàn thiện", "Số hóa", "Tích hợp", "Phát triển", "Chuyển đổi",
  "Ứng dụng", "Mở rộng", "Chuẩn hóa", "Vận hành"];
const OBJECTS = ["cổng dịch vụ công", "cơ sở dữ liệu quốc gia về dân cư", "hệ thống quản lý văn bản và điều hành",
  "nền tảng tích hợp, chia sẻ dữ liệu", "trung tâm dữ liệu", "hệ thống giám sát an toàn thông tin mạng",
  "ứng dụng di động cho người dân", "kho dữ liệu mở", "hệ thống định danh và xác thực điện tử",
  "nền tảng thanh toán trực tuyến", "hệ thống một cửa điện tử", "mạng cảm biến giám sát giao thông",
  "hệ thống thông tin đất đai", "hồ sơ sức khỏe điện tử", "học bạ số", "hệ thống báo cáo kinh tế – xã hội",
  "nền tảng điện toán đám mây dùng chung", "hệ thống hóa đơn điện tử", "bản đồ số", "hệ thống quản lý hồ sơ cán bộ",
  "trung tâm điều hành đô thị thông minh", "cơ sở dữ liệu doanh nghiệp", "hệ thống tiếp nhận phản ánh kiến nghị",
  "mạng truyền số liệu chuyên dùng"];
/** one in ten carries "Chính phủ" (a broad search), and more through the descriptions */
const QUALIFIERS = ["phục vụ Chính phủ số", "bảo đảm an toàn thông tin", "cho người dân và doanh nghiệp",
  "theo mô hình dùng chung", "giai đoạn 2025–2030", "ứng dụng trí tuệ nhân tạo", "kết nối liên thông các cấp",
  "đáp ứng Đề án 06", "trên nền tảng số", "bảo đảm quyền riêng tư"];
const GOALS = ["hiện đại hóa nền hành chính", "xây dựng Chính phủ điện tử hướng tới Chính phủ số",
  "giảm thời gian và chi phí thực hiện thủ tục", "nâng cao chất lượng phục vụ người dân", "khai thác hiệu quả dữ liệu",
  "bảo đảm an ninh mạng", "thúc đẩy kinh tế số", "tăng cường công khai, minh bạch"];
/** rare code names: a selective search ("bach dang") finds about one initiative in 100,000 */
const CODENAMES = ["Sao Khuê", "Bạch Đằng", "Lạc Hồng", "Hùng Vương", "Chi Lăng", "Đống Đa", "Hàm Rồng", "Tây Sơn",
  "Vạn Xuân", "Đại Việt"];

const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ")}]::text[]`;

/** u(g, k): a deterministic uniform number in [0, 1) for row g and draw k. */
const U = (g: string, k: number) => `((hashint8extended((${g}) * 64 + ${k}, $seed) & 2147483647)::float8 / 2147483648.0)`;

function withSeed(sql: string, seed: number): string {
  return sql.replaceAll("$seed", `${Math.trunc(seed)}::bigint`);
}

/** The number of quarters needed for `reports` reports from 700 organisations (at most 5 per organisation and quarter). */
export function quartersFor(reports: number, requested?: number): number {
  const needed = Math.ceil(reports / (ORGS * METRIC_CODES.length * 0.9));
  return Math.max(requested ?? 16, needed, 1);
}

async function organisations(c: pg.Client, seed: number) {
  const ministries = Array.from({ length: MINISTRIES }, (_, i) => ({
    code: `${BENCH_ORG_PREFIX}MIN_${String(i + 1).padStart(2, "0")}`,
    vi: MINISTRY_NAMES[i % MINISTRY_NAMES.length],
    en: `Ministry ${i + 1}`,
    kind: "MINISTRY",
  }));
  const provinces = Array.from({ length: PROVINCES }, (_, i) => ({
    code: `${BENCH_ORG_PREFIX}PRV_${String(i + 1).padStart(2, "0")}`,
    vi: i < PROVINCE_NAMES.length ? `Ủy ban nhân dân ${PROVINCE_NAMES[i]}` : `Tỉnh thử nghiệm ${i + 1}`,
    en: `Province ${i + 1}`,
    kind: "PROVINCE",
  }));
  const roots = [...ministries, ...provinces];
  await c.query(
    `INSERT INTO organisations (id, code, name_vi, name_en, kind)
     SELECT md5($2::text || ':' || v.code)::uuid, v.code, v.vi, v.en, v.kind::"OrganisationKind"
       FROM jsonb_to_recordset($1::jsonb) AS v(code text, vi text, en text, kind text)`,
    [JSON.stringify(roots), seed],
  );
  // agencies: 6 per root on average, more under the big ministries (deterministic by seed)
  const agencies = Array.from({ length: AGENCIES }, (_, i) => {
    const parent = roots[(i * 7 + Math.abs(seed)) % roots.length];
    const kind = AGENCY_KINDS[i % AGENCY_KINDS.length];
    return {
      code: `${BENCH_ORG_PREFIX}AGY_${String(i + 1).padStart(3, "0")}`,
      vi: `${kind} – ${parent.vi.replace(/^Ủy ban nhân dân /, "")}`,
      en: `Agency ${i + 1}`,
      parent: parent.code,
    };
  });
  await c.query(
    `INSERT INTO organisations (id, code, name_vi, name_en, kind, parent_id)
     SELECT md5($2::text || ':' || v.code)::uuid, v.code, v.vi, v.en, 'AGENCY', p.id
       FROM jsonb_to_recordset($1::jsonb) AS v(code text, vi text, en text, parent text)
       JOIN organisations p ON p.code = v.parent`,
    [JSON.stringify(agencies), seed],
  );
}

/** The tables the bulk load writes; their secondary indexes are dropped for the load and built once at the end. */
const BULK_TABLES = ["initiatives", "initiative_building_blocks", "initiative_principles", "initiative_enablers"];

/**
 * The secondary indexes of the bulk-loaded tables (not those behind a constraint: primary keys, which the foreign
 * keys need, stay), as `CREATE INDEX` statements to build them again after the load.
 */
async function secondaryIndexes(c: pg.Client): Promise<{ name: string; def: string }[]> {
  const r = await c.query<{ name: string; def: string }>(
    `SELECT ic.relname AS name, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND t.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
      ORDER BY t.relname, ic.relname`,
    [BULK_TABLES],
  );
  return r.rows;
}

/** Initiatives g in [lo, hi] and their links, in one statement per table. */
async function initiativeBatch(c: pg.Client, seed: number, lo: number, hi: number, userId: string) {
  const g = "g";
  const u = (k: number) => U(g, k);
  await c.query(
    withSeed(
      `WITH orgs AS (SELECT array_agg(id ORDER BY md5(code || $seed::text)) AS ids FROM organisations WHERE starts_with(code, '${BENCH_ORG_PREFIX}')),
       r AS (
         SELECT g, ${u(0)} AS u_org, ${u(1)} AS u_status, ${u(2)} AS u_prog, ${u(3)} AS u_stage, ${u(4)} AS u_target,
                ${u(5)} AS u_start, ${u(6)} AS u_len, ${u(7)} AS u_budget, ${u(8)} AS u_spent, ${u(9)} AS u_arch,
                ${u(10)} AS u_upd, ${u(11)} AS u_verb, ${u(12)} AS u_obj, ${u(13)} AS u_qual, ${u(14)} AS u_place,
                ${u(15)} AS u_goal, ${u(16)} AS u_code, ${u(17)} AS u_codename
           FROM generate_series($1::bigint, $2::bigint) AS g),
       s AS (
         SELECT r.*, CASE WHEN u_status < 0.18 THEN 'PLANNED' WHEN u_status < 0.62 THEN 'IN_PROGRESS'
                          WHEN u_status < 0.82 THEN 'COMPLETED' WHEN u_status < 0.92 THEN 'ON_HOLD' ELSE 'CANCELLED' END AS status,
                1 + floor(5 * power(u_stage, 1.4))::int AS stage
           FROM r)
       INSERT INTO initiatives (id, organisation_id, title, description, status, current_stage, target_stage, start_date, end_date,
                                budget_planned, budget_spent, progress, external_ref, archived_at, created_at, updated_at, created_by, updated_by,
                                search_text)
       SELECT *,
              -- what the initiatives_search_text trigger stores (the triggers are off for the bulk load)
              lower(public.f_unaccent(concat_ws(' ', t.title, nullif(t.description, ''))))
         FROM (
       SELECT md5($seed::text || ':' || g)::uuid AS id,
              (SELECT ids FROM orgs)[1 + floor(${ORGS} * power(u_org, 2.2))::int],
              ((${sqlArray(VERBS)})[1 + floor(u_verb * ${VERBS.length})::int] || ' ' ||
              (${sqlArray(OBJECTS)})[1 + floor(u_obj * ${OBJECTS.length})::int] || ' ' ||
              (${sqlArray(QUALIFIERS)})[1 + floor(u_qual * ${QUALIFIERS.length})::int] ||
              CASE WHEN u_place < 0.5 THEN ' tại ' || (${sqlArray(PROVINCE_NAMES)})[1 + floor(u_place * 2 * ${PROVINCE_NAMES.length})::int] ELSE '' END ||
              CASE WHEN u_code < 0.0001 THEN ' – dự án ' || (${sqlArray(CODENAMES)})[1 + floor(u_codename * ${CODENAMES.length})::int] ELSE '' END) AS title,
              CASE WHEN u_goal < 0.15 THEN '' ELSE 'Sáng kiến nhằm ' || (${sqlArray(GOALS)})[1 + floor(u_goal * ${GOALS.length})::int] || '.' END AS description,
              status::"InitiativeStatus", stage, stage + floor((6 - stage) * u_target)::int,
              DATE '2019-01-01' + floor(u_start * 2800)::int,
              CASE WHEN u_len < 0.1 THEN NULL ELSE DATE '2019-01-01' + floor(u_start * 2800)::int + 180 + floor(u_len * 1300)::int END,
              CASE WHEN u_budget < 0.12 THEN NULL ELSE round(exp(ln(5e8) + u_budget * ln(1e3)) / 1e6)::bigint * 1000000 END,
              CASE WHEN u_budget < 0.12 THEN NULL
                   ELSE (round(exp(ln(5e8) + u_budget * ln(1e3)) / 1e6) * (0.6 + 0.6 * u_spent) *
                         (CASE status WHEN 'COMPLETED' THEN 100 WHEN 'PLANNED' THEN 0 ELSE 50 END) / 100)::bigint * 1000000 END,
              CASE status WHEN 'COMPLETED' THEN 100 WHEN 'PLANNED' THEN floor(u_prog * 11)::int
                          WHEN 'IN_PROGRESS' THEN 5 + floor(u_prog * 91)::int WHEN 'ON_HOLD' THEN 10 + floor(u_prog * 71)::int
                          ELSE floor(u_prog * 61)::int END,
              'BM-' || lpad(g::text, 8, '0'),
              CASE WHEN u_arch < 0.03 THEN TIMESTAMPTZ '2026-06-01 00:00+00' - make_interval(days => floor(u_arch * 10000)::int) END,
              TIMESTAMPTZ '2026-10-01 00:00+00' - make_interval(secs => u_upd * 90000000) - INTERVAL '30 days',
              TIMESTAMPTZ '2026-10-01 00:00+00' - make_interval(secs => u_upd * 90000000),
              $3::uuid, $3::uuid
         FROM s) t`,
      seed,
    ),
    [lo, hi, userId],
  );
  const BLOCKS = "ARRAY['ONE_PORTAL','SHARED_DATA','SHARED_SERVICES','SHARED_INFRASTRUCTURE','SENSORS_ANALYTICS','CYBERSECURITY_PRIVACY']";
  await c.query(
    withSeed(
      `INSERT INTO initiative_building_blocks (initiative_id, block_code)
       SELECT DISTINCT md5($seed::text || ':' || g)::uuid, (${BLOCKS})[1 + floor(x.u * 6)::int]
         FROM generate_series($1::bigint, $2::bigint) AS g
         CROSS JOIN LATERAL (VALUES (${u(20)}, true), (${u(21)}, ${u(22)} < 0.4), (${u(23)}, ${u(24)} < 0.1)) AS x(u, keep)
        WHERE x.keep`,
      seed,
    ),
    [lo, hi],
  );
  const PRINCIPLES = "ARRAY['DIGITAL_BY_DEFAULT','MOBILE_FIRST','USER_CENTRIC','FULLY_DIGITAL','GOVERNMENT_AS_PLATFORM']";
  await c.query(
    withSeed(
      `INSERT INTO initiative_principles (initiative_id, principle_code)
       SELECT DISTINCT md5($seed::text || ':' || g)::uuid, (${PRINCIPLES})[1 + floor(x.u * 5)::int]
         FROM generate_series($1::bigint, $2::bigint) AS g
         CROSS JOIN LATERAL (VALUES (${u(30)}, ${u(31)} < 0.6), (${u(32)}, ${u(33)} < 0.3)) AS x(u, keep)
        WHERE x.keep`,
      seed,
    ),
    [lo, hi],
  );
  const ENABLERS = "ARRAY['LEADERSHIP_GOVERNANCE','INTERNAL_INNOVATION','SKILLS_CULTURE']";
  await c.query(
    withSeed(
      `INSERT INTO initiative_enablers (initiative_id, enabler_code)
       SELECT md5($seed::text || ':' || g)::uuid, (${ENABLERS})[1 + floor(${u(40)} * 3)::int]
         FROM generate_series($1::bigint, $2::bigint) AS g
        WHERE ${u(41)} < 0.35`,
      seed,
    ),
    [lo, hi],
  );
}

/** Reports: ministries and provinces first (they are expected to report), then agencies; recent quarters less final. */
async function metricReports(c: pg.Client, seed: number, reports: number, quarters: number, now: Date, userId: string) {
  const last = currentPeriod(now);
  const periods = Array.from({ length: quarters }, (_, i) => addQuarters(last, -(quarters - 1 - i)));
  await c.query(
    withSeed(
      `WITH o AS (SELECT id, kind, row_number() OVER (ORDER BY code) AS n FROM organisations WHERE starts_with(code, '${BENCH_ORG_PREFIX}')),
       p AS (SELECT period, ord::int - 1 AS idx, ${quarters} - ord::int AS age FROM unnest($1::text[]) WITH ORDINALITY AS t(period, ord)),
       m AS (SELECT code, ord::int AS k FROM unnest($2::text[]) WITH ORDINALITY AS t(code, ord)),
       cand AS (
         SELECT o.id AS org, o.kind, o.n, p.period, p.idx, p.age, m.code AS metric, m.k,
                (o.n * 1000 + p.idx) * 8 + m.k AS g
           FROM o CROSS JOIN p CROSS JOIN m),
       picked AS (
         SELECT cand.*, ${U("g", 0)} AS u_status, ${U("g", 1)} AS u_val, ${U("g", 2)} AS u_den
           FROM cand
          ORDER BY (CASE WHEN kind <> 'AGENCY' THEN 1 ELSE 0 END) + ${U("g", 3)} DESC
          LIMIT $3),
       v AS (
         SELECT picked.*,
                CASE WHEN age = 0 THEN CASE WHEN u_status < 0.4 THEN 'DRAFT' WHEN u_status < 0.75 THEN 'SUBMITTED' WHEN u_status < 0.95 THEN 'APPROVED' ELSE 'REJECTED' END
                     WHEN age = 1 THEN CASE WHEN u_status < 0.1 THEN 'DRAFT' WHEN u_status < 0.35 THEN 'SUBMITTED' WHEN u_status < 0.95 THEN 'APPROVED' ELSE 'REJECTED' END
                     ELSE CASE WHEN u_status < 0.02 THEN 'DRAFT' WHEN u_status < 0.05 THEN 'SUBMITTED' WHEN u_status < 0.97 THEN 'APPROVED' ELSE 'REJECTED' END
                END AS status,
                CASE WHEN metric IN ('SERVICES_ONLINE', 'SERVICES_NEW_RETIRED') THEN 50 + floor(u_den * 1950)::bigint END AS den
           FROM picked),
       w AS (
         SELECT v.*,
                CASE metric WHEN 'SERVICES_ONLINE' THEN floor(den * least(1.0, 0.25 + idx * 0.02 + u_val * 0.3))::bigint
                            WHEN 'SERVICES_NEW_RETIRED' THEN floor(den * (0.01 + u_val * 0.12))::bigint END AS num
           FROM v)
       INSERT INTO metric_reports (organisation_id, period, metric_code, value, numerator, denominator, evidence_url, note, status,
                                   review_comment, submitted_at, reviewed_at, reviewed_by, created_by, updated_by, created_at, updated_at)
       SELECT org, period, metric,
              CASE WHEN den IS NOT NULL THEN num::float8 / den * 100
                   WHEN metric = 'OPEN_DATASETS' THEN floor(3 + idx * 1.5 + u_val * 20)
                   WHEN metric = 'NEW_DELIVERY_MODELS' THEN floor(u_val * 6)
                   ELSE round((-5 + u_val * 45)::numeric, 2)::float8 END,
              num, den,
              CASE WHEN u_val < 0.7 THEN 'https://dulieu.gov.vn/bao-cao/' || md5(g::text) END,
              NULL, status::"ReportStatus",
              CASE WHEN status = 'REJECTED' THEN 'Số liệu chưa khớp với minh chứng, đề nghị rà soát lại' END,
              CASE WHEN status <> 'DRAFT' THEN now() - make_interval(days => age * 90 + 20) END,
              CASE WHEN status IN ('APPROVED', 'REJECTED') THEN now() - make_interval(days => age * 90 + 10) END,
              CASE WHEN status IN ('APPROVED', 'REJECTED') THEN $4::uuid END,
              $4::uuid, $4::uuid, now() - make_interval(days => age * 90 + 25), now() - make_interval(days => age * 90 + 10)
         FROM w`,
      seed,
    ),
    [periods, METRIC_CODES, reports, userId],
  );
  return { first: periods[0], last };
}

/** Seeds an empty, migrated database (applies the migrations first). Refuses a database that already holds initiatives. */
export async function seedBench(url: string, opts: BenchSeedOptions): Promise<BenchSeedResult> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const batch = opts.batch ?? 50_000;
  const now = opts.now ?? new Date();
  const quarters = quartersFor(opts.reports, opts.quarters);
  const maxReports = ORGS * METRIC_CODES.length * quarters;
  if (opts.reports > maxReports) throw new Error(`${opts.reports} reports do not fit in ${quarters} quarters (at most ${maxReports})`);

  await applyMigrations(url, (s) => log(`migrations: ${s}`));
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  c.on("error", (err) => log(`connection error: ${err.message}`));
  await c.connect();
  try {
    const existing = await c.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM initiatives LIMIT 1) t`);
    if (Number(existing.rows[0].n) > 0) throw new Error("the bench database already holds initiatives: start from an empty one (--reset)");
    // bulk-load settings for this session only
    await c.query(`SET synchronous_commit = off`);
    await c.query(`SET maintenance_work_mem = '256MB'`);
    await c.query(`SET work_mem = '64MB'`);

    await c.query(`DELETE FROM organisations WHERE starts_with(code, '${BENCH_ORG_PREFIX}')`);
    await organisations(c, opts.seed);
    log(`organisations: ${MINISTRIES} ministries, ${PROVINCES} provinces, ${AGENCIES} agencies`);
    const user = await c.query<{ id: string }>(
      `INSERT INTO users (email, name, role, password_hash, active) VALUES ('bench-seed@bench.invalid', 'Bench data generator', 'ADMIN', '!', false)
       ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    );
    const userId = user.rows[0].id;

    // The bulk load runs with every trigger off (session_replication_role = replica: the summary, search-text,
    // archived-guard and data-version triggers, and the foreign-key checks, which the generator satisfies by
    // construction: every organisation id comes from the organisations table, every link from an initiative of the same
    // batch) and without the secondary indexes, which are built once afterwards (a GIN trigram index built in one pass
    // instead of row by row is most of the difference: ~40 minutes at a million initiatives before). The summaries are
    // then rebuilt from the base tables with the triggers back on, and the data version bumped by that rebuild.
    const indexes = await secondaryIndexes(c);
    for (const ix of indexes) await c.query(`DROP INDEX ${pg.escapeIdentifier(ix.name)}`);
    await c.query(`SET session_replication_role = replica`);
    try {
      for (let lo = 1; lo <= opts.initiatives; lo += batch) {
        const hi = Math.min(opts.initiatives, lo + batch - 1);
        await c.query("BEGIN");
        await initiativeBatch(c, opts.seed, lo, hi, userId);
        await c.query("COMMIT");
        const s = (performance.now() - started) / 1000;
        const rate = hi / s;
        log(`initiatives: ${hi.toLocaleString("en")} / ${opts.initiatives.toLocaleString("en")} (${Math.round(rate).toLocaleString("en")}/s, ~${Math.round((opts.initiatives - hi) / rate)} s left)`);
      }
    } catch (err) {
      await c.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      await c.query(`SET session_replication_role = origin`);
    }
    const t0 = performance.now();
    for (const ix of indexes) await c.query(ix.def);
    log(`indexes: ${indexes.length} built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    log("summary tables: rebuilding from the base tables");
    await c.query(`SELECT public.initiative_stats_rebuild()`);

    const { first, last } = await metricReports(c, opts.seed, opts.reports, quarters, now, userId);
    log(`metric reports: ${opts.reports.toLocaleString("en")} over ${quarters} quarters (${first} .. ${last})`);

    log("vacuum analyze (visibility map for index-only scans, planner statistics)");
    for (const t of ["initiatives", "initiative_building_blocks", "initiative_principles", "initiative_enablers", "metric_reports",
      "organisations", "initiative_stats_by_org_status_stage", "initiative_stats_by_org_block_status"]) {
      await c.query(`VACUUM (ANALYZE) ${t}`);
    }
    const counts = await c.query<{ o: number; i: number; l: number; r: number }>(
      `SELECT (SELECT count(*) FROM organisations WHERE starts_with(code, '${BENCH_ORG_PREFIX}'))::int AS o, (SELECT count(*) FROM initiatives)::int AS i,
              (SELECT count(*) FROM initiative_building_blocks)::int AS l, (SELECT count(*) FROM metric_reports)::int AS r`,
    );
    const r = counts.rows[0];
    return {
      organisations: r.o,
      initiatives: r.i,
      links: r.l,
      reports: r.r,
      quarters,
      firstPeriod: first,
      lastPeriod: last,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await c.end().catch(() => {});
  }
}

/** Drops and re-creates a database on the server of `serverUrl` (a URL to any database there, e.g. postgres). */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
