/**
 * The dashboard's charts, drawn on the server as plain SVG and HTML: no chart library and no JavaScript in the
 * browser, a few dozen elements per chart (recharts drew ~150 SVG nodes per chart and was most of the dashboard's
 * JavaScript and Total Blocking Time). Each sits in a <ChartFrame> that gives it a title and a data table, so the
 * drawing itself is hidden from screen readers (aria-hidden) and carries no focusable element.
 * Lines and grids are one SVG stretched to the box (non-scaling strokes); text is HTML, so it stays legible at any
 * width, 375 px included.
 */

import { useLocale } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { formatNumber } from "@/lib/i18n/format";

const BRAND = "#1e40af";
const TEAL = "#0f766e";
const AMBER = "#b45309";
const MARKER = "#7c3aed";

export interface TrendDatum {
  label: string;
  value: number | null;
  /** the required path of a national target, where there is one */
  expected?: number | null;
}

/** Round axis bounds and 3–5 ticks over [lo, hi]. */
function niceTicks(lo: number, hi: number, count = 4): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  if (out[out.length - 1] < hi) out.push(out[out.length - 1] + step);
  return out;
}


/** Points of a series as "x,y" segments, broken where a value is missing (no line through a gap). */
function segments(values: (number | null | undefined)[], x: (i: number) => number, y: (v: number) => number): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  values.forEach((v, i) => {
    if (v == null) {
      if (cur.length) out.push(cur.join(" "));
      cur = [];
    } else cur.push(`${x(i).toFixed(2)},${y(v).toFixed(2)}`);
  });
  if (cur.length) out.push(cur.join(" "));
  return out;
}

export function TrendChart({
  data,
  percent,
  markers = [],
}: {
  data: TrendDatum[];
  valueName: string;
  expectedName?: string;
  percent: boolean;
  /** restructurings: a dashed vertical line at the quarter (x label) each first shapes */
  markers?: { label: string; name: string }[];
}) {
  // the Vietnamese way in Vietnamese: 2.800 and 34,5
  const locale = useLocale() as Locale;
  const fmtTick = (v: number) => formatNumber(locale, v, 1);
  const values = data.flatMap((d) => [d.value, d.expected]).filter((v): v is number => typeof v === "number");
  const lo = percent ? 0 : Math.min(...values, 0);
  const hi = Math.max(...values, percent ? 10 : lo + 1);
  const ticks = niceTicks(lo, hi);
  const top = ticks[ticks.length - 1];
  const bottom = ticks[0];
  const n = Math.max(1, data.length - 1);
  // a 100 × 100 drawing stretched to the box: x by quarter, y by value
  const x = (i: number) => (data.length === 1 ? 50 : (i / n) * 100);
  const y = (v: number) => 100 - ((v - bottom) / (top - bottom || 1)) * 100;
  const hasExpected = data.some((d) => d.expected != null);
  const first = data[0]?.label ?? "";
  const last = data[data.length - 1]?.label ?? "";
  return (
    <div aria-hidden="true" className="flex h-48 w-full gap-1 text-[11px] text-slate-700">
      <div className="flex w-10 flex-col justify-between pb-5 text-right tabular-nums">
        {[...ticks].reverse().map((t) => (
          <span key={t} className="leading-none">
            {fmtTick(t)}
            {percent ? "%" : ""}
          </span>
        ))}
      </div>
      <div className="flex min-w-0 flex-1 flex-col">
        <svg viewBox="0 0 100 100" preserveAspectRatio="none" className="min-h-0 w-full flex-1 overflow-visible">
          {ticks.map((t) => (
            <line key={t} x1="0" x2="100" y1={y(t)} y2={y(t)} stroke="#e2e8f0" vectorEffect="non-scaling-stroke" />
          ))}
          {markers.map((m) => {
            const i = data.findIndex((d) => d.label === m.label);
            return i < 0 ? null : <line key={m.label} x1={x(i)} x2={x(i)} y1="0" y2="100" stroke={MARKER} strokeDasharray="3 3" vectorEffect="non-scaling-stroke" />;
          })}
          {hasExpected &&
            segments(
              data.map((d) => d.expected),
              x,
              y,
            ).map((p) => <polyline key={`e${p}`} points={p} fill="none" stroke={AMBER} strokeWidth="1.5" strokeDasharray="5 4" vectorEffect="non-scaling-stroke" />)}
          {segments(
            data.map((d) => d.value),
            x,
            y,
          ).map((p) =>
            p.includes(" ") ? (
              <polyline key={`v${p}`} points={p} fill="none" stroke={BRAND} strokeWidth="2" strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
            ) : (
              // a lone quarter between gaps: a short tick so it is seen
              <polyline key={`v${p}`} points={`${p} ${p}`} fill="none" stroke={BRAND} strokeWidth="6" strokeLinecap="round" vectorEffect="non-scaling-stroke" />
            ),
          )}
        </svg>
        <div className="flex h-5 items-end justify-between whitespace-nowrap">
          <span>{first}</span>
          {data.length > 1 && <span>{last}</span>}
        </div>
      </div>
    </div>
  );
}

export interface StageDatum {
  stage: string;
  ministries: number;
  provinces: number;
}

/** Ministries and provinces per maturity stage, stacked (HTML bars). */
export function StageChart({ data, ministries, provinces }: { data: StageDatum[]; ministries: string; provinces: string }) {
  const max = Math.max(1, ...data.map((d) => d.ministries + d.provinces));
  return (
    <div aria-hidden="true" className="w-full text-[11px] text-slate-700">
      <div className="flex h-48 items-end gap-2 border-b border-slate-300">
        {data.map((d) => (
          <div key={d.stage} className="flex h-full min-w-0 flex-1 flex-col justify-end">
            <span className="text-center tabular-nums text-slate-900">{d.ministries + d.provinces}</span>
            <div style={{ height: `${(d.provinces / max) * 85}%`, background: TEAL }} />
            <div style={{ height: `${(d.ministries / max) * 85}%`, background: BRAND }} />
          </div>
        ))}
      </div>
      <div className="mt-1 flex gap-2">
        {data.map((d) => (
          // six columns share the width (50 px each at 375 px): a stage shows its number only ("1. Chính phủ điện
          // tử" → "1"); the table beside the chart gives the full names
          <span key={d.stage} className="min-w-0 flex-1 truncate text-center">
            {/^\d+\./.exec(d.stage)?.[0].slice(0, -1) ?? d.stage}
          </span>
        ))}
      </div>
      <div className="mt-2 flex flex-wrap justify-center gap-4 text-xs">
        <span className="inline-flex items-center gap-1">
          <span className="inline-block h-3 w-3" style={{ background: BRAND }} />
          {ministries}
        </span>
        <span className="inline-flex items-center gap-1">
          <span className="inline-block h-3 w-3" style={{ background: TEAL }} />
          {provinces}
        </span>
      </div>
    </div>
  );
}

export interface BarDatum {
  name: string;
  value: number;
}

/** Horizontal bars with their names beside them (statuses, building blocks, claimed stages). */
export function HorizontalBars({ data, percent = false }: { data: BarDatum[]; valueName: string; percent?: boolean }) {
  const locale = useLocale() as Locale;
  const max = percent ? 100 : Math.max(1, ...data.map((d) => d.value));
  return (
    <div aria-hidden="true" className="w-full space-y-1.5 text-[11px] text-slate-700">
      {data.map((d) => (
        <div key={d.name} className="flex items-center gap-2">
          <span className="w-36 shrink-0 truncate text-right" title={d.name}>
            {d.name}
          </span>
          <span className="flex min-w-0 flex-1 items-center gap-1">
            <span className="h-4 rounded-r-sm" style={{ width: `${(Math.max(0, d.value) / max) * 85}%`, background: BRAND }} />
            <span className="tabular-nums text-slate-900">{formatNumber(locale, d.value, 1)}</span>
          </span>
        </div>
      ))}
    </div>
  );
}
