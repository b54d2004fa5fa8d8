import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { localName } from "@/lib/i18n/format";
import { officialDate } from "./format";
import type { OrganisationDto } from "@/lib/dto/organisations";

/** The bodies no longer in force, apart from the working list of the organisations screen. */
export async function DissolvedOrganisations({ dissolved, all, locale }: { dissolved: OrganisationDto[]; all: OrganisationDto[]; locale: Locale }) {
  const t = await getTranslations("restructuring.dissolvedSection");
  const tk = await getTranslations("kinds");
  if (dissolved.length === 0) return null;
  const byId = new Map(all.map((o) => [o.id, o]));
  const rows = [...dissolved].sort((a, b) => (b.validTo ?? "").localeCompare(a.validTo ?? "") || localName(locale, a).localeCompare(localName(locale, b), locale));
  return (
    <section aria-labelledby="dissolved-title" className="space-y-2" data-testid="dissolved-organisations">
      <h2 id="dissolved-title" className="text-lg font-semibold text-slate-900">
        {t("heading")} ({rows.length})
      </h2>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">{t("name")}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t("until")}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t("successors")}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t("code")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {rows.map((o) => (
              <tr key={o.id}>
                <td className="px-3 py-2">
                  <Link href={`/organisations/${o.id}`} className="font-medium text-brand-700 underline">
                    {localName(locale, o)}
                  </Link>
                  <div className="text-xs text-slate-700">{tk(o.kind)}</div>
                </td>
                <td className="whitespace-nowrap px-3 py-2">{o.validTo ? officialDate(locale, o.validTo) : "—"}</td>
                <td className="px-3 py-2">
                  {o.successorIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ", "}
                      <Link href={`/organisations/${id}`} className="text-brand-700 underline">
                        {byId.get(id) ? localName(locale, byId.get(id)!) : id}
                      </Link>
                    </span>
                  ))}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{o.code}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
