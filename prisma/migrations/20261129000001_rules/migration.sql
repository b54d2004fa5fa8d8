-- Rules that schema.prisma cannot express, and the fixed reference data of spec/domain.md.
-- Hand-written. Prisma's diff ignores functions, triggers and CHECK constraints, so none of this shows up as drift
-- (guarded by scripts/lib/migrate.test.ts). Every statement is re-runnable: constraints are dropped and re-added,
-- functions replaced, triggers re-created, reference rows upserted.

-- ---------------------------------------------------------------------------------------------------------------
-- Accent-free search
-- ---------------------------------------------------------------------------------------------------------------

-- unaccent() itself is only STABLE (it reads its dictionary through the search_path), so it cannot be used in an
-- index or generated column. Naming the dictionary and the function by schema makes this wrapper safe to declare
-- IMMUTABLE. unaccent's rules fold Vietnamese letters too, including đ/Đ to d/D ("Bảo đảm" -> "Bao dam").
CREATE OR REPLACE FUNCTION public.f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- initiatives.search_text = unaccented, lower-cased "title description", searched with the trigram index.
-- concat_ws + nullif: no trailing space when the description is empty.
CREATE OR REPLACE FUNCTION public.initiatives_set_search_text() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.search_text := lower(public.f_unaccent(concat_ws(' ', NEW.title, nullif(NEW.description, ''))));
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS initiatives_search_text ON "initiatives";
CREATE TRIGGER initiatives_search_text
    BEFORE INSERT OR UPDATE OF title, description ON "initiatives"
    FOR EACH ROW EXECUTE FUNCTION public.initiatives_set_search_text();

-- ---------------------------------------------------------------------------------------------------------------
-- CHECK constraints (the server validates first, with friendly messages; these are the last line of defence)
-- ---------------------------------------------------------------------------------------------------------------

ALTER TABLE "organisations"
    DROP CONSTRAINT IF EXISTS organisations_code_format,
    ADD CONSTRAINT organisations_code_format CHECK (code ~ '^[A-Z0-9_]{2,32}$'),
    DROP CONSTRAINT IF EXISTS organisations_agency_has_parent,
    ADD CONSTRAINT organisations_agency_has_parent CHECK (kind <> 'AGENCY' OR parent_id IS NOT NULL);

ALTER TABLE "users"
    DROP CONSTRAINT IF EXISTS users_officer_has_organisation,
    ADD CONSTRAINT users_officer_has_organisation CHECK (role <> 'OFFICER' OR organisation_id IS NOT NULL),
    -- emails are stored lower-cased, so the unique index is case-insensitive
    DROP CONSTRAINT IF EXISTS users_email_lower_case,
    ADD CONSTRAINT users_email_lower_case CHECK (email = lower(email));

ALTER TABLE "initiatives"
    DROP CONSTRAINT IF EXISTS initiatives_title_length,
    ADD CONSTRAINT initiatives_title_length CHECK (char_length(title) BETWEEN 3 AND 200),
    DROP CONSTRAINT IF EXISTS initiatives_description_length,
    ADD CONSTRAINT initiatives_description_length CHECK (char_length(description) <= 10000),
    DROP CONSTRAINT IF EXISTS initiatives_progress_range,
    ADD CONSTRAINT initiatives_progress_range CHECK (progress BETWEEN 0 AND 100),
    DROP CONSTRAINT IF EXISTS initiatives_current_stage_range,
    ADD CONSTRAINT initiatives_current_stage_range CHECK (current_stage BETWEEN 1 AND 5),
    DROP CONSTRAINT IF EXISTS initiatives_target_stage_range,
    ADD CONSTRAINT initiatives_target_stage_range CHECK (target_stage BETWEEN current_stage AND 5),
    DROP CONSTRAINT IF EXISTS initiatives_dates_order,
    ADD CONSTRAINT initiatives_dates_order CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date),
    DROP CONSTRAINT IF EXISTS initiatives_budget_planned_non_negative,
    ADD CONSTRAINT initiatives_budget_planned_non_negative CHECK (budget_planned >= 0),
    DROP CONSTRAINT IF EXISTS initiatives_budget_spent_non_negative,
    ADD CONSTRAINT initiatives_budget_spent_non_negative CHECK (budget_spent >= 0),
    DROP CONSTRAINT IF EXISTS initiatives_completed_at_100,
    ADD CONSTRAINT initiatives_completed_at_100 CHECK (status <> 'COMPLETED' OR progress = 100),
    DROP CONSTRAINT IF EXISTS initiatives_version_positive,
    ADD CONSTRAINT initiatives_version_positive CHECK (version >= 1);

ALTER TABLE "metric_reports"
    DROP CONSTRAINT IF EXISTS metric_reports_period_format,
    ADD CONSTRAINT metric_reports_period_format CHECK (period ~ '^[0-9]{4}-Q[1-4]$'),
    DROP CONSTRAINT IF EXISTS metric_reports_denominator_positive,
    ADD CONSTRAINT metric_reports_denominator_positive CHECK (denominator IS NULL OR denominator > 0),
    DROP CONSTRAINT IF EXISTS metric_reports_numerator_range,
    ADD CONSTRAINT metric_reports_numerator_range CHECK (numerator IS NULL OR numerator BETWEEN 0 AND denominator),
    -- a ratio report carries both parts (spec/domain.md "Key metrics"); a value-only report carries neither
    DROP CONSTRAINT IF EXISTS metric_reports_ratio_parts_together,
    ADD CONSTRAINT metric_reports_ratio_parts_together CHECK ((numerator IS NULL) = (denominator IS NULL));

ALTER TABLE "kpis"
    DROP CONSTRAINT IF EXISTS kpis_baseline_period_format,
    ADD CONSTRAINT kpis_baseline_period_format CHECK (baseline_period ~ '^[0-9]{4}-Q[1-4]$'),
    DROP CONSTRAINT IF EXISTS kpis_target_period_format,
    ADD CONSTRAINT kpis_target_period_format CHECK (target_period ~ '^[0-9]{4}-Q[1-4]$'),
    -- "YYYY-Qn" sorts as text in time order
    DROP CONSTRAINT IF EXISTS kpis_target_after_baseline,
    ADD CONSTRAINT kpis_target_after_baseline CHECK (target_period > baseline_period);

ALTER TABLE "kpi_values"
    DROP CONSTRAINT IF EXISTS kpi_values_period_format,
    ADD CONSTRAINT kpi_values_period_format CHECK (period ~ '^[0-9]{4}-Q[1-4]$');

-- a single settings row
ALTER TABLE "maturity_thresholds"
    DROP CONSTRAINT IF EXISTS maturity_thresholds_single_row,
    ADD CONSTRAINT maturity_thresholds_single_row CHECK (id = 1);

ALTER TABLE "national_targets"
    DROP CONSTRAINT IF EXISTS national_targets_baseline_period_format,
    ADD CONSTRAINT national_targets_baseline_period_format CHECK (baseline_period ~ '^[0-9]{4}-Q[1-4]$'),
    DROP CONSTRAINT IF EXISTS national_targets_target_period_format,
    ADD CONSTRAINT national_targets_target_period_format CHECK (target_period ~ '^[0-9]{4}-Q[1-4]$');

-- ---------------------------------------------------------------------------------------------------------------
-- The audit log is append-only
-- ---------------------------------------------------------------------------------------------------------------

-- Statement-level, so even an UPDATE or DELETE that matches no row is refused, and TRUNCATE (which skips row
-- triggers) too. A superuser restoring a backup can bypass it with SET session_replication_role = replica.
CREATE OR REPLACE FUNCTION public.audit_entries_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'audit entries are never updated or deleted';
END
$$;

DROP TRIGGER IF EXISTS audit_entries_append_only ON "audit_entries";
CREATE TRIGGER audit_entries_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_entries"
    FOR EACH STATEMENT EXECUTE FUNCTION public.audit_entries_refuse_change();

-- ---------------------------------------------------------------------------------------------------------------
-- Settings and reference data (codes and names exactly as in spec/domain.md)
-- ---------------------------------------------------------------------------------------------------------------

INSERT INTO "maturity_thresholds" (id) VALUES (1) ON CONFLICT DO NOTHING;

INSERT INTO "building_blocks" (code, name_vi, name_en, description_vi, description_en, sort_order) VALUES
    ('ONE_PORTAL', 'Một cổng duy nhất', 'One-stop portal',
     'Một điểm truy cập duy nhất để người dân và doanh nghiệp tìm thông tin và thực hiện dịch vụ công của mọi cơ quan nhà nước.',
     'A single entry point where citizens and businesses find information and use the public services of every government agency.',
     1),
    ('SHARED_DATA', 'Dữ liệu được tích hợp và chia sẻ trong toàn khu vực công', 'Data integrated and shared across the public sector',
     'Dữ liệu được thu thập một lần, chuẩn hóa và chia sẻ giữa các cơ quan, để người dân không phải cung cấp lại thông tin Nhà nước đã có.',
     'Data is collected once, standardised and shared between agencies, so that people never have to supply information the government already holds.',
     2),
    ('SHARED_SERVICES', 'Dịch vụ liên bộ, liên ngành, liên vùng dùng chung', 'Shared cross-ministry, cross-sector and cross-region services',
     'Các dịch vụ dùng chung như định danh điện tử, thanh toán trực tuyến và gửi thông báo được xây dựng một lần và tái sử dụng giữa các bộ, ngành, địa phương.',
     'Common services such as digital identity, online payment and notifications are built once and reused across ministries, sectors and regions.',
     3),
    ('SHARED_INFRASTRUCTURE', 'Hạ tầng chính phủ dùng chung', 'Shared government infrastructure',
     'Trung tâm dữ liệu, điện toán đám mây và mạng truyền số liệu chuyên dùng được dùng chung, thay vì mỗi cơ quan tự đầu tư riêng.',
     'Data centres, the government cloud and the dedicated data network are shared, rather than built separately by each agency.',
     4),
    ('SENSORS_ANALYTICS', 'Mạng cảm biến và năng lực phân tích dữ liệu', 'Sensor networks and data analytics',
     'Cảm biến, thiết bị kết nối và công cụ phân tích dữ liệu giúp cơ quan nhà nước theo dõi tình hình thực tế và ra quyết định dựa trên bằng chứng.',
     'Sensors, connected devices and analytics tools let agencies follow conditions on the ground and make evidence-based decisions.',
     5),
    ('CYBERSECURITY_PRIVACY', 'An ninh mạng và bảo vệ quyền riêng tư', 'Cybersecurity and privacy protection',
     'Bảo đảm an toàn cho hệ thống thông tin và bảo vệ dữ liệu cá nhân, để người dân yên tâm sử dụng dịch vụ số.',
     'Securing government information systems and protecting personal data, so that people can trust digital services.',
     6)
ON CONFLICT (code) DO UPDATE SET
    name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
    description_vi = EXCLUDED.description_vi, description_en = EXCLUDED.description_en,
    sort_order = EXCLUDED.sort_order;

INSERT INTO "principles" (code, name_vi, name_en, description_vi, description_en, sort_order) VALUES
    ('DIGITAL_BY_DEFAULT', 'Mặc định là số', 'Digital by default',
     'Dịch vụ được thiết kế để thực hiện trực tuyến ngay từ đầu; kênh giấy chỉ còn là phương án hỗ trợ.',
     'Services are designed to be delivered online from the start; paper is the fallback, not the norm.',
     1),
    ('MOBILE_FIRST', 'Không phụ thuộc thiết bị, ưu tiên thiết bị di động', 'Device-agnostic, mobile first',
     'Dịch vụ dùng được trên mọi thiết bị và được thiết kế trước hết cho điện thoại di động, nơi phần lớn người dân truy cập.',
     'Services work on any device and are designed first for mobile phones, where most people go online.',
     2),
    ('USER_CENTRIC', 'Thiết kế lấy người dùng làm trung tâm', 'User-centric design',
     'Dịch vụ được thiết kế từ nhu cầu thực tế của người dùng và được thử nghiệm với chính họ, không theo cơ cấu tổ chức của cơ quan.',
     'Services are designed around users'' real needs and tested with them, not around the structure of the agency.',
     3),
    ('FULLY_DIGITAL', 'Số hóa trọn vẹn', 'Fully digitised end to end',
     'Toàn bộ quy trình, từ nộp hồ sơ, xử lý, thanh toán đến trả kết quả, được thực hiện trên môi trường số mà không cần bản giấy.',
     'The whole process, from application through processing and payment to the result, happens digitally with no paper step.',
     4),
    ('GOVERNMENT_AS_PLATFORM', 'Chính phủ là nền tảng', 'Government as a platform',
     'Nhà nước cung cấp dữ liệu, API và nền tảng dùng chung để cơ quan, doanh nghiệp và người dân cùng xây dựng dịch vụ mới.',
     'Government provides shared data, APIs and platforms on which agencies, businesses and citizens build new services.',
     5)
ON CONFLICT (code) DO UPDATE SET
    name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
    description_vi = EXCLUDED.description_vi, description_en = EXCLUDED.description_en,
    sort_order = EXCLUDED.sort_order;

INSERT INTO "enablers" (code, name_vi, name_en, description_vi, description_en, sort_order) VALUES
    ('LEADERSHIP_GOVERNANCE', 'Năng lực lãnh đạo và quản trị', 'Leadership and governance',
     'Sự cam kết của lãnh đạo, trách nhiệm được phân công rõ ràng và cơ chế điều phối giúp chuyển đổi số được triển khai thống nhất.',
     'Committed leaders, clear accountability and coordination mechanisms keep digital transformation consistent across government.',
     1),
    ('INTERNAL_INNOVATION', 'Đổi mới trong nội bộ chính phủ', 'Innovation inside government',
     'Cơ quan nhà nước được khuyến khích thử nghiệm cách làm mới, rút kinh nghiệm từ thất bại và nhân rộng những sáng kiến hiệu quả.',
     'Agencies are encouraged to try new ways of working, learn from failure and scale up what works.',
     2),
    ('SKILLS_CULTURE', 'Thay đổi kỹ năng và văn hóa', 'Changing skills and culture',
     'Cán bộ, công chức được trang bị kỹ năng số và hình thành văn hóa làm việc dựa trên dữ liệu, lấy người dân làm trung tâm.',
     'Civil servants gain digital skills and build a data-driven, citizen-centred working culture.',
     3)
ON CONFLICT (code) DO UPDATE SET
    name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
    description_vi = EXCLUDED.description_vi, description_en = EXCLUDED.description_en,
    sort_order = EXCLUDED.sort_order;

INSERT INTO "metrics" (code, name_vi, name_en, kind, description_vi, description_en, sort_order) VALUES
    ('SERVICES_ONLINE', 'Tỷ lệ dịch vụ công trực tuyến', '% of administrative services online', 'RATIO',
     'Số thủ tục hành chính được cung cấp trực tuyến toàn trình chia cho tổng số thủ tục hành chính của cơ quan, tính theo phần trăm.',
     'Administrative services available fully online divided by all administrative services of the organisation, as a percentage.',
     1),
    ('OPEN_DATASETS', 'Số bộ dữ liệu mở đã công bố', 'Number of open datasets published', 'COUNT',
     'Tổng số bộ dữ liệu mở mà cơ quan đã công bố tính đến cuối kỳ báo cáo (số lũy kế).',
     'The total number of open datasets the organisation has published by the end of the period (cumulative).',
     2),
    ('KPI_IMPROVEMENT', 'Tỷ lệ cải thiện kết quả và chỉ số KPI', '% improvement in outcomes and KPIs', 'PERCENT',
     'Mức cải thiện, tính theo phần trăm, của các chỉ số kết quả mà các sáng kiến chuyển đổi số của cơ quan hướng tới.',
     'The improvement, in per cent, of the outcome indicators that the organisation''s digital initiatives aim at.',
     3),
    ('SERVICES_NEW_RETIRED', 'Tỷ lệ dịch vụ mới hoặc được bãi bỏ', '% of services new or retired', 'RATIO',
     'Số dịch vụ được đưa vào sử dụng hoặc bãi bỏ trong kỳ chia cho tổng số dịch vụ, cho thấy cơ quan đổi mới dịch vụ tích cực đến đâu.',
     'Services launched or retired in the period divided by all services: how actively the organisation renews what it offers.',
     4),
    ('NEW_DELIVERY_MODELS', 'Số mô hình cung cấp dịch vụ mới', 'Number of new service delivery models', 'COUNT',
     'Số cách thức cung cấp dịch vụ mới được áp dụng trong kỳ, ví dụ dịch vụ chủ động, dịch vụ theo sự kiện cuộc sống hay dịch vụ qua đối tác.',
     'New ways of delivering services adopted in the period, such as proactive services, life-event bundles or services delivered through partners.',
     5)
ON CONFLICT (code) DO UPDATE SET
    name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, kind = EXCLUDED.kind,
    description_vi = EXCLUDED.description_vi, description_en = EXCLUDED.description_en,
    sort_order = EXCLUDED.sort_order;

-- Gartner's digital government maturity model; English as in Gartner's table (spec/domain.md).
-- (maturity_stages has no description columns: the model page shows the table itself.)
INSERT INTO "maturity_stages" (level, code, name_vi, name_en,
                               maturity_vi, maturity_en, core_value_vi, core_value_en,
                               service_model_vi, service_model_en, platform_vi, platform_en,
                               key_technology_vi, key_technology_en, key_metric_code) VALUES
    (1, 'E_GOVERNMENT', 'Chính phủ điện tử', 'E-government',
     'Khởi đầu', 'Initial', 'Tuân thủ', 'Compliance',
     'Bị động', 'Reactive', 'Lấy công nghệ thông tin làm trung tâm', 'IT-centric',
     'Kiến trúc hướng dịch vụ', 'Service-oriented architecture', 'SERVICES_ONLINE'),
    (2, 'OPEN', 'Chính phủ mở', 'Open',
     'Đang phát triển', 'Developing', 'Minh bạch', 'Transparency',
     'Trung gian', 'Intermediate', 'Lấy người dân làm trung tâm', 'Citizen-centric',
     'Quản lý API', 'API management', 'OPEN_DATASETS'),
    (3, 'DATA_CENTRIC', 'Lấy dữ liệu làm trung tâm', 'Data-centric',
     'Được xác lập', 'Defined', 'Giá trị cho người dân', 'Citizen value',
     'Chủ động', 'Proactive', 'Lấy dữ liệu làm trung tâm', 'Data-centric',
     'Mở mọi dữ liệu', 'Open any data', 'KPI_IMPROVEMENT'),
    (4, 'FULLY_DIGITAL', 'Hoàn toàn số hóa', 'Fully digital',
     'Được quản lý', 'Managed', 'Chuyển đổi dựa trên hiểu biết sâu sắc', 'Transformation through insight',
     'Tích hợp', 'Integrated', 'Lấy mọi thứ làm trung tâm', 'Everything-centric',
     'Tiêu chuẩn mô-đun', 'Modular standards', 'SERVICES_NEW_RETIRED'),
    (5, 'SMART', 'Chính phủ thông minh', 'Smart',
     'Tối ưu hóa', 'Optimising', 'Bền vững', 'Sustainability',
     'Dự báo', 'Predictive', 'Lấy hệ sinh thái làm trung tâm', 'Ecosystem-centric',
     'Trí tuệ nhân tạo', 'Artificial intelligence', 'NEW_DELIVERY_MODELS')
ON CONFLICT (code) DO UPDATE SET
    level = EXCLUDED.level, name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
    maturity_vi = EXCLUDED.maturity_vi, maturity_en = EXCLUDED.maturity_en,
    core_value_vi = EXCLUDED.core_value_vi, core_value_en = EXCLUDED.core_value_en,
    service_model_vi = EXCLUDED.service_model_vi, service_model_en = EXCLUDED.service_model_en,
    platform_vi = EXCLUDED.platform_vi, platform_en = EXCLUDED.platform_en,
    key_technology_vi = EXCLUDED.key_technology_vi, key_technology_en = EXCLUDED.key_technology_en,
    key_metric_code = EXCLUDED.key_metric_code;
