import { getTranslations } from "next-intl/server";

/** Previous/next links that keep the other URL parameters (server-side paging, URL state). */
export async function Pager({ page, pageSize, total, params, basePath }: { page: number; pageSize: number; total: number; params: Record<string, string>; basePath: string }) {
  const t = await getTranslations("admin.common");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(p) }).filter(([, v]) => v !== ""));
    return `${basePath}?${q}`;
  };
  if (pages <= 1) return <p className="text-sm text-slate-700">{t("totalCount", { total })}</p>;
  const link = "rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 no-underline hover:bg-slate-100";
  return (
    <nav aria-label={t("pagination")} className="flex flex-wrap items-center gap-2 text-sm">
      {page > 1 ? (
        <a className={link} href={href(page - 1)} rel="prev">
          {t("previous")}
        </a>
      ) : null}
      <span className="text-slate-700" aria-current="page">
        {t("pageOf", { page, pages, total })}
      </span>
      {page < pages ? (
        <a className={link} href={href(page + 1)} rel="next">
          {t("next")}
        </a>
      ) : null}
    </nav>
  );
}
