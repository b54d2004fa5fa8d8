import Link from "next/link";
import { Fragment } from "react";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { localName } from "@/lib/i18n/format";
import { organisationHistory } from "@/lib/server/restructurings";
import type { Actor } from "@/lib/auth/permissions";
import { officialDate } from "./format";
import type { OrgRef } from "@/lib/dto/organisations";
import type { OrganisationHistoryDto } from "@/lib/dto/restructurings";

/** Organisation links joined the way a sentence lists them. */
function Names({ locale, orgs }: { locale: Locale; orgs: OrgRef[] }) {
  return (
    <>
      {orgs.map((o, i) => (
        <Fragment key={o.id}>
          {i > 0 && (i === orgs.length - 1 ? (locale === "vi" ? " và " : " and ") : ", ")}
          <Link href={`/organisations/${o.id}`} className="font-medium text-brand-700 underline">
            {localName(locale, o)}
          </Link>
        </Fragment>
      ))}
    </>
  );
}

/** A sentence of the messages with {names} (and {name}) replaced by links. */
function Sentence({ text, locale, names, name }: { text: string; locale: Locale; names?: OrgRef[]; name?: OrgRef }) {
  const parts = text.split(/(\{names\}|\{name\})/);
  return (
    <>
      {parts.map((p, i) =>
        p === "{names}" && names ? <Names key={i} locale={locale} orgs={names} /> : p === "{name}" && name ? <Names key={i} locale={locale} orgs={[name]} /> : <Fragment key={i}>{p}</Fragment>,
      )}
    </>
  );
}

/**
 * The lineage of an organisation near the top of its page (spec/restructuring.md): how it was formed, what it took
 * over, who succeeded it, and whose past its comparable figures count.
 */
export async function OrganisationLineage({ history, locale, validFrom, validTo }: { history: OrganisationHistoryDto; locale: Locale; validFrom: string | null; validTo: string | null }) {
  const t = await getTranslations("restructuring.lineage");
  const { formed, dissolved, lineage } = history;
  if (!formed.length && !dissolved && !validFrom && !validTo) return null;
  // the sentences carry placeholders for links: next-intl fills the plain values, the links are put in afterwards
  const raw = (key: string, values: Record<string, string>) => t(key, { ...values, names: "{names}", name: "{name}" });
  return (
    <section aria-labelledby="lineage-title" data-testid="lineage" className="rounded-xl border border-brand-100 bg-brand-50 p-4 text-sm text-slate-800">
      <h2 id="lineage-title" className="mb-2 text-base font-semibold text-slate-900">
        {t("heading")}
      </h2>
      <ul className="space-y-1.5">
        {formed.map((f) => {
          const date = officialDate(locale, f.effectiveDate);
          const whole = f.predecessors.filter((p) => !p.shared);
          const part = f.predecessors.filter((p) => p.shared);
          return (
            <li key={f.restructuringId}>
              {whole.length > 0 && (
                <Sentence
                  locale={locale}
                  names={whole}
                  text={raw(f.created ? (whole.length > 1 ? "formedMerge" : "formedOne") : "absorbed", { date })}
                />
              )}
              {part.length > 0 && (
                <>
                  {whole.length > 0 && " "}
                  <Sentence locale={locale} names={part} text={raw("receivedPart", { date })} />
                </>
              )}{" "}
              <span className="text-slate-700">{t("basis", { basis: f.legalBasis })}</span>
            </li>
          );
        })}
        {dissolved && (
          <li>
            <Sentence locale={locale} names={dissolved.successors} text={raw("dissolved", { date: officialDate(locale, dissolved.effectiveDate) })} />{" "}
            {dissolved.historyTo && <Sentence locale={locale} name={dissolved.historyTo} text={raw("dissolvedHistory", {})} />}{" "}
            <span className="text-slate-700">{t("basis", { basis: dissolved.legalBasis })}</span>
          </li>
        )}
        {lineage.length > 0 && (
          <li>
            <Sentence locale={locale} names={lineage} text={raw("comparable", {})} />
          </li>
        )}
        {(validFrom || validTo) && (
          <li className="text-slate-700">
            {t("validity", {
              from: validFrom ? officialDate(locale, validFrom) : t("always"),
              to: validTo ? officialDate(locale, validTo) : t("now"),
            })}
          </li>
        )}
      </ul>
    </section>
  );
}

/** The lineage block of an organisation's page, loading its own data (one import and one line in the page). */
export async function OrganisationLineageSection({
  actor,
  organisation,
  locale,
}: {
  actor: Actor;
  organisation: { id: string; validFrom: string | null; validTo: string | null };
  locale: Locale;
}) {
  const history = await organisationHistory(actor, organisation.id);
  return <OrganisationLineage history={history} locale={locale} validFrom={organisation.validFrom} validTo={organisation.validTo} />;
}
