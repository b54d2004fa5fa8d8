"use client";

import { useId } from "react";
import { TrendChart } from "@/components/dashboard/svg-charts";
import { periodFromIndex, periodIndex } from "@/lib/domain/periods";

export interface KpiChartInput {
  baseline: number;
  baselinePeriod: string;
  target: number;
  targetPeriod: string;
  values: { period: string; value: number }[];
}

export interface KpiChartPoint {
  period: string;
  actual: number | null;
  required: number;
}

/**
 * One point per quarter from the baseline to the later of the target and the latest value: the actual value where
 * there is one (the baseline counts as the first) and the required linear path (flat at the target after its quarter).
 */
export function kpiChartPoints(k: KpiChartInput): KpiChartPoint[] {
  const qb = periodIndex(k.baselinePeriod);
  const qt = periodIndex(k.targetPeriod);
  if (qb === null || qt === null || qt <= qb) return [];
  const byPeriod = new Map(k.values.map((v) => [v.period, v.value]));
  const last = Math.max(qt, ...k.values.map((v) => periodIndex(v.period) ?? qb));
  const out: KpiChartPoint[] = [];
  for (let q = qb; q <= last; q++) {
    const period = periodFromIndex(q);
    const required = k.baseline + ((k.target - k.baseline) * (Math.min(q, qt) - qb)) / (qt - qb);
    out.push({ period, actual: q === qb ? (byPeriod.get(period) ?? k.baseline) : (byPeriod.get(period) ?? null), required: Math.round(required * 1000) / 1000 });
  }
  return out;
}

/**
 * The small line chart of a KPI: its values against the required path, with a title and a legend (the caller adds the
 * data table). Plain SVG (the dashboard's TrendChart), no chart library: recharts was ~420 kB of the initiative page's
 * JavaScript and most of its Total Blocking Time on a phone.
 */
export function KpiChart({
  points,
  title,
  actualLabel,
  requiredLabel,
  markers = [],
}: {
  /** quarters a restructuring moved the initiative in: a vertical line each (the caller's legend names them) */
  markers?: string[];
  points: KpiChartPoint[];
  title: string;
  actualLabel: string;
  requiredLabel: string;
}) {
  const titleId = useId();
  return (
    <figure aria-labelledby={titleId} className="w-full">
      <figcaption id={titleId} className="mb-1 text-sm font-medium text-slate-800">
        {title}
      </figcaption>
      <TrendChart
        data={points.map((p) => ({ label: p.period, value: p.actual, expected: p.required }))}
        valueName={actualLabel}
        expectedName={requiredLabel}
        percent={false}
        markers={markers.filter((m) => points.some((p) => p.period === m)).map((m) => ({ label: m, name: m }))}
      />
      <ul aria-hidden="true" className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-700">
        <li className="flex items-center gap-1">
          <span className="inline-block h-0.5 w-5 bg-[#1e40af]" />
          {actualLabel}
        </li>
        <li className="flex items-center gap-1">
          <span className="inline-block w-5 border-t-2 border-dashed border-[#b45309]" />
          {requiredLabel}
        </li>
      </ul>
    </figure>
  );
}
