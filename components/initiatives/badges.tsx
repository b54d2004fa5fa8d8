import { useTranslations } from "next-intl";
import { Badge, STATUS_TONE } from "@/components/ui/badge";

/** An initiative's status: colour and its translated name. */
export function StatusBadge({ status }: { status: string }) {
  const t = useTranslations("initiatives.status");
  return (
    <span data-testid="status-badge">
      <Badge tone={STATUS_TONE[status] ?? "slate"}>{t(status)}</Badge>
    </span>
  );
}

/** A KPI rating: colour AND label (never colour alone), with a small symbol for those who cannot tell colours apart. */
export function RatingBadge({ status }: { status: string }) {
  const t = useTranslations("initiatives.rating");
  const symbol: Record<string, string> = {
    ACHIEVED: "✓",
    ON_TRACK: "↗",
    ACCELERATION_NEEDED: "→",
    LIMITED_PROGRESS: "↘",
    DETERIORATING: "↓",
    MISSED: "✗",
    NOT_ENOUGH_DATA: "…",
  };
  return (
    <span data-testid="rating-badge" data-status={status}>
      <Badge tone={STATUS_TONE[status] ?? "slate"} title={t(`help.${status}`)}>
        <span aria-hidden="true" className="mr-1">
          {symbol[status] ?? ""}
        </span>
        {t(status)}
      </Badge>
    </span>
  );
}

/** A building block as a short badge; the full name is its title and its accessible text. */
export function BlockBadge({ code, name }: { code: string; name: string }) {
  const t = useTranslations("initiatives.blockShort");
  return (
    <Badge tone="violet" title={name}>
      <span aria-hidden="true">{t(code)}</span>
      <span className="sr-only">{name}</span>
    </Badge>
  );
}

/** Progress 0..100 as a bar with its number (the number is the text alternative). */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const v = Math.max(0, Math.min(100, value));
  return (
    <div className="flex min-w-28 items-center gap-2">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={v} className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200">
        <div className={`h-full rounded-full ${v >= 100 ? "bg-green-600" : "bg-brand-700"}`} style={{ width: `${v}%` }} />
      </div>
      <span className="w-10 text-right text-xs font-medium tabular-nums text-slate-800">{v} %</span>
    </div>
  );
}
