import { getLocale, getTranslations } from "next-intl/server";
import { dueState } from "@/lib/domain/calendar";
import type { Locale } from "@/lib/i18n/config";
import { formatDay } from "./dates";

/**
 * "Hạn nộp 20/12/2026 — còn 5 ngày" / "— quá hạn 3 ngày" (server component). Days are counted in Asia/Ho_Chi_Minh;
 * a quarter past its due date says that late reports are still accepted.
 */
export async function DueDate({ dueDate, cutOff, showCutOff = false, testId = "due-date" }: { dueDate: string; cutOff?: string; showCutOff?: boolean; testId?: string }) {
  const t = await getTranslations("calendar");
  const locale = (await getLocale()) as Locale;
  const s = dueState(dueDate);
  return (
    <div
      className={`rounded-md border px-3 py-2 text-sm ${s.state === "overdue" ? "border-red-300 bg-red-50 text-red-900" : s.daysLeft <= 7 ? "border-amber-300 bg-amber-50 text-amber-950" : "border-brand-200 bg-brand-50 text-slate-900"}`}
      data-testid={testId}
    >
      <p>
        <strong>{t("due.label", { date: formatDay(locale, dueDate) })}</strong> — {s.state === "overdue" ? t("due.overdue", { days: s.daysLate }) : s.daysLeft === 0 ? t("due.today") : t("due.left", { days: s.daysLeft })}
      </p>
      {showCutOff && cutOff && <p className="text-xs">{t("due.cutOff", { date: formatDay(locale, cutOff) })}</p>}
      {s.state === "overdue" && <p className="text-xs">{t("due.lateAccepted")}</p>}
    </div>
  );
}
