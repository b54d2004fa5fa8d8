import { getTranslations } from "next-intl/server";

/** What a page shows while the database cannot be reached (the process keeps running and recovers by itself). */
export async function Unavailable() {
  const t = await getTranslations("errors");
  return (
    <main id="main" className="mx-auto flex min-h-[60vh] max-w-xl flex-col justify-center px-4 py-10">
      <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-6">
        <h1 className="text-xl font-bold text-amber-950">{t("unavailableTitle")}</h1>
        <p className="mt-2 text-amber-950">{t("unavailableBody")}</p>
        <a href="" className="mt-4 inline-block font-semibold">
          {t("retry")}
        </a>
      </div>
    </main>
  );
}
