import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/server/users";
import { listOrganisations } from "@/lib/server/organisations";
import { AppError } from "@/lib/server/errors";
import { PageHeader } from "@/components/ui/page-header";
import { UsersScreen, type OrgOption } from "@/components/admin/users-screen";
import { Pager } from "@/components/admin/pager";
import { inputClass, SelectFilter } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { ROLES } from "@/lib/domain/codes";
import type { Locale } from "@/lib/i18n/config";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  if (!can(actor, "user.manage")) notFound();
  const t = await getTranslations("admin");
  const tc = await getTranslations();
  const locale = (await getLocale()) as Locale;
  const sp = await searchParams;
  const filters = { q: one(sp.q), role: one(sp.role), organisationId: one(sp.organisationId), active: one(sp.active), page: one(sp.page) || "1" };
  const query = Object.fromEntries(Object.entries({ ...filters, pageSize: "25" }).filter(([, v]) => v !== ""));
  let result: Awaited<ReturnType<typeof listUsers>>;
  let badFilter = false;
  try {
    result = await listUsers(actor, query);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "validation_failed") throw err;
    badFilter = true;
    result = await listUsers(actor, { pageSize: "25" });
  }
  const orgs = await listOrganisations(actor);
  const options: OrgOption[] = orgs.map((o) => ({ id: o.id, name: locale === "vi" ? o.nameVi : o.nameEn, code: o.code, kind: o.kind }));
  options.sort((a, b) => a.name.localeCompare(b.name, locale));
  const hasFilter = !!(filters.q || filters.role || filters.organisationId || filters.active);

  return (
    <div className="space-y-4">
      <PageHeader title={t("users.title")} description={t("users.intro")} />
      <form method="get" role="search" aria-label={t("users.filters")} className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5">
        <div className="lg:col-span-2">
          <label htmlFor="f-q" className="block text-sm font-medium text-slate-900">
            {t("users.search")}
          </label>
          <input id="f-q" name="q" type="search" defaultValue={filters.q} placeholder={t("users.searchPlaceholder")} className={`mt-1 ${inputClass}`} />
        </div>
        <SelectFilter id="f-role" name="role" label={t("users.role")} allLabel={t("common.all")} options={ROLES.map((r) => ({ value: r, label: tc(`roles.${r}`) }))} defaultValue={filters.role} />
        <SelectFilter id="f-org" name="organisationId" label={t("users.organisation")} allLabel={t("common.all")} options={options.map((o) => ({ value: o.id, label: o.name }))} defaultValue={filters.organisationId} />
        <SelectFilter
          id="f-active"
          name="active"
          label={t("users.status")}
          allLabel={t("common.all")}
          options={[
            { value: "true", label: t("users.active") },
            { value: "false", label: t("users.inactive") },
          ]}
          defaultValue={filters.active}
        />
        <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-5">
          <button type="submit" className={buttonClass("primary")}>
            {t("common.applyFilters")}
          </button>
          {hasFilter && (
            <a href="/admin/users" className={buttonClass("secondary")}>
              {t("common.clearFilters")}
            </a>
          )}
          {badFilter && <p className="text-sm text-red-700">{t("common.badFilter")}</p>}
        </div>
      </form>
      <UsersScreen users={result.data} organisations={options} total={result.total} selfId={actor.id} />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} params={filters} basePath="/admin/users" />
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/admin/users", UsersPage);
