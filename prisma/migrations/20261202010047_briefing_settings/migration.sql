-- CreateTable
CREATE TABLE "briefing_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "signer_title" VARCHAR(200) NOT NULL DEFAULT '',
    "signer_name" VARCHAR(200) NOT NULL DEFAULT '',
    "signer_unit" VARCHAR(300) NOT NULL DEFAULT '',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID,

    CONSTRAINT "briefing_settings_pkey" PRIMARY KEY ("id")
);
