import "server-only";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/permissions";
import { listOrganisations } from "@/lib/server/organisations";
import { getReference } from "@/lib/server/reference";
import type { Locale } from "@/lib/i18n/config";
import { localName } from "@/lib/i18n/format";

/**
 * What the initiative form offers: the organisations the actor may write for (an officer: their own and its agencies;
 * an admin: all), and the reference lists with their names and explanations from the database.
 */
export async function formOptions(actor: Actor, locale: Locale, currentOrganisationId?: string) {
  const t = await getTranslations("initiatives");
  // bodies in force today; an initiative of a dissolved body keeps its own in the list when edited
  const [today, all, ref] = await Promise.all([listOrganisations(actor), currentOrganisationId ? listOrganisations(actor, { status: "all" }) : [], getReference()]);
  const current = all.find((o) => o.id === currentOrganisationId && !today.some((t) => t.id === o.id));
  const orgs = current ? [...today, current] : today;
  const vi = locale === "vi";
  const allowed = actor.role === "ADMIN" ? orgs : orgs.filter((o) => actor.scope.includes(o.id));
  const item = (i: { code: string; nameVi: string; nameEn: string; descriptionVi: string; descriptionEn: string }) => ({
    code: i.code,
    name: localName(locale, i),
    description: vi ? i.descriptionVi : i.descriptionEn,
  });
  return {
    organisations: allowed
      .map((o) => ({ value: o.id, label: localName(locale, o), parent: o.parentId }))
      // own organisation first, then its agencies
      .sort((a, b) => Number(!!a.parent) - Number(!!b.parent) || a.label.localeCompare(b.label, locale))
      .map(({ value, label }) => ({ value, label })),
    blocks: ref.buildingBlocks.map(item),
    principles: ref.principles.map(item),
    enablers: ref.enablers.map(item),
    stages: ref.maturityStages.map((s) => ({
      level: s.level,
      name: vi ? s.nameVi : s.nameEn,
      detail: t("stageDetail", {
        maturity: vi ? s.maturityVi : s.maturityEn,
        coreValue: vi ? s.coreValueVi : s.coreValueEn,
        serviceModel: vi ? s.serviceModelVi : s.serviceModelEn,
      }),
    })),
  };
}
