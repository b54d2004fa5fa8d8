CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
-- pg_trgm: the trigram index on initiatives.search_text; unaccent: the search trigger of 20261129000001_rules.

-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('MINISTRY', 'PROVINCE', 'AGENCY');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OFFICER', 'LEADERSHIP', 'ADMIN');

-- CreateEnum
CREATE TYPE "InitiativeStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'COMPLETED', 'ON_HOLD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "MetricKind" AS ENUM ('RATIO', 'COUNT', 'PERCENT');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "KpiDirection" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateTable
CREATE TABLE "organisations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" VARCHAR(32) NOT NULL,
    "name_vi" VARCHAR(300) NOT NULL,
    "name_en" VARCHAR(300) NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "parent_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" VARCHAR(254) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "role" "Role" NOT NULL,
    "organisation_id" UUID,
    "password_hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "locale" VARCHAR(5),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMPTZ(3),

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_failures" (
    "id" BIGSERIAL NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_failures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "building_blocks" (
    "code" VARCHAR(40) NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description_vi" TEXT NOT NULL DEFAULT '',
    "description_en" TEXT NOT NULL DEFAULT '',
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "building_blocks_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "principles" (
    "code" VARCHAR(40) NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description_vi" TEXT NOT NULL DEFAULT '',
    "description_en" TEXT NOT NULL DEFAULT '',
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "principles_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "enablers" (
    "code" VARCHAR(40) NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description_vi" TEXT NOT NULL DEFAULT '',
    "description_en" TEXT NOT NULL DEFAULT '',
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "enablers_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "metrics" (
    "code" VARCHAR(40) NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "kind" "MetricKind" NOT NULL,
    "description_vi" TEXT NOT NULL DEFAULT '',
    "description_en" TEXT NOT NULL DEFAULT '',
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "metrics_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "maturity_stages" (
    "level" INTEGER NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "maturity_vi" TEXT NOT NULL,
    "maturity_en" TEXT NOT NULL,
    "core_value_vi" TEXT NOT NULL,
    "core_value_en" TEXT NOT NULL,
    "service_model_vi" TEXT NOT NULL,
    "service_model_en" TEXT NOT NULL,
    "platform_vi" TEXT NOT NULL,
    "platform_en" TEXT NOT NULL,
    "key_technology_vi" TEXT NOT NULL,
    "key_technology_en" TEXT NOT NULL,
    "key_metric_code" VARCHAR(40) NOT NULL,

    CONSTRAINT "maturity_stages_pkey" PRIMARY KEY ("level")
);

-- CreateTable
CREATE TABLE "initiatives" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organisation_id" UUID NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "InitiativeStatus" NOT NULL,
    "current_stage" SMALLINT NOT NULL,
    "target_stage" SMALLINT NOT NULL,
    "start_date" DATE,
    "end_date" DATE,
    "budget_planned" BIGINT,
    "budget_spent" BIGINT,
    "progress" SMALLINT NOT NULL,
    "external_ref" VARCHAR(100),
    "search_text" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID NOT NULL,
    "updated_by" UUID NOT NULL,

    CONSTRAINT "initiatives_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "initiative_building_blocks" (
    "initiative_id" UUID NOT NULL,
    "block_code" VARCHAR(40) NOT NULL,

    CONSTRAINT "initiative_building_blocks_pkey" PRIMARY KEY ("initiative_id","block_code")
);

-- CreateTable
CREATE TABLE "initiative_principles" (
    "initiative_id" UUID NOT NULL,
    "principle_code" VARCHAR(40) NOT NULL,

    CONSTRAINT "initiative_principles_pkey" PRIMARY KEY ("initiative_id","principle_code")
);

-- CreateTable
CREATE TABLE "initiative_enablers" (
    "initiative_id" UUID NOT NULL,
    "enabler_code" VARCHAR(40) NOT NULL,

    CONSTRAINT "initiative_enablers_pkey" PRIMARY KEY ("initiative_id","enabler_code")
);

-- CreateTable
CREATE TABLE "metric_reports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organisation_id" UUID NOT NULL,
    "period" CHAR(7) NOT NULL,
    "metric_code" VARCHAR(40) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "numerator" BIGINT,
    "denominator" BIGINT,
    "evidence_url" VARCHAR(2000),
    "note" VARCHAR(4000),
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "review_comment" VARCHAR(4000),
    "version" INTEGER NOT NULL DEFAULT 1,
    "submitted_at" TIMESTAMPTZ(3),
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID NOT NULL,
    "updated_by" UUID NOT NULL,

    CONSTRAINT "metric_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "maturity_thresholds" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "services_online" DOUBLE PRECISION NOT NULL DEFAULT 50,
    "open_datasets" INTEGER NOT NULL DEFAULT 10,
    "kpi_improvement" DOUBLE PRECISION NOT NULL DEFAULT 10,
    "services_new_retired" DOUBLE PRECISION NOT NULL DEFAULT 5,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID,

    CONSTRAINT "maturity_thresholds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpis" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "initiative_id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "unit" VARCHAR(40) NOT NULL DEFAULT '',
    "direction" "KpiDirection" NOT NULL,
    "baseline" DOUBLE PRECISION NOT NULL,
    "baseline_period" CHAR(7) NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "target_period" CHAR(7) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_values" (
    "kpi_id" UUID NOT NULL,
    "period" CHAR(7) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "kpi_values_pkey" PRIMARY KEY ("kpi_id","period")
);

-- CreateTable
CREATE TABLE "national_targets" (
    "metric_code" VARCHAR(40) NOT NULL,
    "baseline" DOUBLE PRECISION NOT NULL,
    "baseline_period" CHAR(7) NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "target_period" CHAR(7) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "national_targets_pkey" PRIMARY KEY ("metric_code")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_email" VARCHAR(254),
    "action" VARCHAR(40) NOT NULL,
    "entity_type" VARCHAR(40) NOT NULL,
    "entity_id" VARCHAR(64),
    "organisation_id" UUID,
    "changes" JSONB NOT NULL DEFAULT '{}',
    "request_id" VARCHAR(64),

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organisations_code_key" ON "organisations"("code");

-- CreateIndex
CREATE INDEX "organisations_parent_id_idx" ON "organisations"("parent_id");

-- CreateIndex
CREATE INDEX "organisations_kind_idx" ON "organisations"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_organisation_id_idx" ON "users"("organisation_id");

-- CreateIndex
CREATE INDEX "users_role_active_idx" ON "users"("role", "active");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- CreateIndex
CREATE INDEX "login_failures_email_at_idx" ON "login_failures"("email", "at");

-- CreateIndex
CREATE UNIQUE INDEX "maturity_stages_code_key" ON "maturity_stages"("code");

-- CreateIndex
CREATE INDEX "initiatives_organisation_id_archived_at_idx" ON "initiatives"("organisation_id", "archived_at");

-- CreateIndex
CREATE INDEX "initiatives_status_idx" ON "initiatives"("status");

-- CreateIndex
CREATE INDEX "initiatives_progress_idx" ON "initiatives"("progress");

-- CreateIndex
CREATE INDEX "initiatives_updated_at_idx" ON "initiatives"("updated_at");

-- CreateIndex
CREATE INDEX "initiatives_search_text_trgm_idx" ON "initiatives" USING GIN ("search_text" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "initiatives_organisation_id_external_ref_key" ON "initiatives"("organisation_id", "external_ref");

-- CreateIndex
CREATE INDEX "initiative_building_blocks_block_code_idx" ON "initiative_building_blocks"("block_code");

-- CreateIndex
CREATE INDEX "initiative_principles_principle_code_idx" ON "initiative_principles"("principle_code");

-- CreateIndex
CREATE INDEX "initiative_enablers_enabler_code_idx" ON "initiative_enablers"("enabler_code");

-- CreateIndex
CREATE INDEX "metric_reports_period_status_metric_code_idx" ON "metric_reports"("period", "status", "metric_code");

-- CreateIndex
CREATE INDEX "metric_reports_status_idx" ON "metric_reports"("status");

-- CreateIndex
CREATE UNIQUE INDEX "metric_reports_organisation_id_period_metric_code_key" ON "metric_reports"("organisation_id", "period", "metric_code");

-- CreateIndex
CREATE INDEX "kpis_initiative_id_idx" ON "kpis"("initiative_id");

-- CreateIndex
CREATE INDEX "audit_entries_entity_type_entity_id_id_idx" ON "audit_entries"("entity_type", "entity_id", "id");

-- CreateIndex
CREATE INDEX "audit_entries_organisation_id_id_idx" ON "audit_entries"("organisation_id", "id");

-- CreateIndex
CREATE INDEX "audit_entries_actor_id_id_idx" ON "audit_entries"("actor_id", "id");

-- CreateIndex
CREATE INDEX "audit_entries_at_idx" ON "audit_entries"("at");

-- AddForeignKey
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "maturity_stages" ADD CONSTRAINT "maturity_stages_key_metric_code_fkey" FOREIGN KEY ("key_metric_code") REFERENCES "metrics"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "initiative_building_blocks" ADD CONSTRAINT "initiative_building_blocks_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "initiative_building_blocks" ADD CONSTRAINT "initiative_building_blocks_block_code_fkey" FOREIGN KEY ("block_code") REFERENCES "building_blocks"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "initiative_principles" ADD CONSTRAINT "initiative_principles_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "initiative_principles" ADD CONSTRAINT "initiative_principles_principle_code_fkey" FOREIGN KEY ("principle_code") REFERENCES "principles"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "initiative_enablers" ADD CONSTRAINT "initiative_enablers_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "initiative_enablers" ADD CONSTRAINT "initiative_enablers_enabler_code_fkey" FOREIGN KEY ("enabler_code") REFERENCES "enablers"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_reports" ADD CONSTRAINT "metric_reports_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_reports" ADD CONSTRAINT "metric_reports_metric_code_fkey" FOREIGN KEY ("metric_code") REFERENCES "metrics"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpi_values" ADD CONSTRAINT "kpi_values_kpi_id_fkey" FOREIGN KEY ("kpi_id") REFERENCES "kpis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "national_targets" ADD CONSTRAINT "national_targets_metric_code_fkey" FOREIGN KEY ("metric_code") REFERENCES "metrics"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
