import { getTranslations } from "next-intl/server";

/**
 * A chart with its title and, beneath it, the same figures as a table (for screen readers, print and anyone who
 * prefers numbers). `head` and `rows` are already formatted; the first cell of a row names it.
 */
export async function ChartFrame({
  title,
  head,
  rows,
  children,
  open = false,
  testId,
}: {
  title: string;
  head: string[];
  rows: React.ReactNode[][];
  children: React.ReactNode;
  open?: boolean;
  testId?: string;
}) {
  const t = await getTranslations("dashboard");
  return (
    <figure className="print-break min-w-0" data-testid={testId}>
      <figcaption className="mb-1 text-sm font-semibold text-slate-900">{title}</figcaption>
      {children}
      <details className="mt-1 text-sm" open={open}>
        <summary className="no-print cursor-pointer text-brand-700">{t("chart.showTable")}</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="bg-slate-100">
              <tr>
                {head.map((h, i) => (
                  <th key={i} scope="col" className={`px-2 py-1 font-semibold ${i > 0 ? "text-right" : ""}`}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} className="border-t border-slate-200">
                  {r.map((c, j) =>
                    j === 0 ? (
                      <th key={j} scope="row" className="px-2 py-1 font-normal">
                        {c}
                      </th>
                    ) : (
                      <td key={j} className="px-2 py-1 text-right tabular-nums">
                        {c}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
