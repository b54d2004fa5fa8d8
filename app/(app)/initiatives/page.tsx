import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listInitiatives } from "@/lib/server/initiatives";
import { listOrganisations } from "@/lib/server/organisations";
import { getReference } from "@/lib/server/reference";
import { ValidationError } from "@/lib/server/errors";
import { localName } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { PageHeader } from "@/components/ui/page-header";
import { InitiativesList } from "@/components/initiatives/initiatives-list";
import { InitiativesTable } from "@/components/initiatives/initiatives-table";
import { DEFAULT_PAGE_SIZE, DEFAULT_SORT, type ListState } from "@/components/initiatives/list-state";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("initiatives");
  return { title: t("list.title") };
}

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

function stateFrom(sp: SearchParams): ListState {
  const page = Number(one(sp.page));
  const pageSize = Number(one(sp.pageSize));
  return {
    organisation: one(sp.organisation),
    block: one(sp.block),
    status: one(sp.status),
    q: one(sp.q).trim(),
    archived: one(sp.view) === "archived",
    sort: one(sp.sort) || DEFAULT_SORT,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 200 ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

const apiQuery = (s: ListState) => ({
  organisationId: s.organisation,
  buildingBlock: s.block,
  status: s.status,
  q: s.q,
  archived: s.archived ? "true" : "",
  sort: s.sort,
  page: String(s.page),
  pageSize: String(s.pageSize),
});

async function InitiativesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const t = await getTranslations("initiatives");
  const locale = (await getLocale()) as Locale;
  const sp = await searchParams;
  let state = stateFrom(sp);

  // a hand-edited URL with a bad filter shows the whole list and says so, rather than an error page
  let invalidQuery = false;
  let result;
  try {
    result = await listInitiatives(actor, apiQuery(state));
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    invalidQuery = true;
    state = { ...stateFrom({}), pageSize: state.pageSize };
    result = await listInitiatives(actor, apiQuery(state));
  }

  const [orgs, ref] = await Promise.all([listOrganisations(actor, { status: "all" }), getReference()]);
  const orgName = new Map(orgs.map((o) => [o.id, localName(locale, o)]));
  const rows = result.data.map((d) => ({ ...d, organisationName: orgName.get(d.organisationId) ?? d.organisationCode ?? "—" }));
  const organisations = [...orgs]
    .sort((a, b) => localName(locale, a).localeCompare(localName(locale, b), locale))
    .map((o) => ({ value: o.id, label: localName(locale, o) }));
  const blocks = ref.buildingBlocks.map((b) => ({ value: b.code, label: localName(locale, b) }));
  const totalIsEstimate = "totalIsEstimate" in result ? !!result.totalIsEstimate : false;
  const canWrite = can(actor, "initiative.write");

  return (
    <div>
      <PageHeader title={t("list.title")} description={t("list.description")} />
      {one(sp.archived) === "1" && (
        <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="archived-notice">
          {t("list.archivedNotice")}
        </p>
      )}
      <InitiativesList
        total={result.total}
        totalIsEstimate={totalIsEstimate}
        state={state}
        organisations={organisations}
        blocks={blocks}
        myOrganisationId={actor.role === "OFFICER" ? actor.organisationId : null}
        canWrite={canWrite}
        invalidQuery={invalidQuery}
      >
        {/* the rows are server HTML: no table library in the browser (components/initiatives/initiatives-table.tsx) */}
        <InitiativesTable
          rows={rows}
          total={result.total}
          totalIsEstimate={totalIsEstimate}
          state={state}
          blockNames={Object.fromEntries(blocks.map((b) => [b.value, b.label]))}
          canWrite={canWrite}
        />
      </InitiativesList>
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/initiatives", InitiativesPage);
