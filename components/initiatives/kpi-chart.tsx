"use client";

import { useId } from "react";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
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

/** The small line chart of a KPI: its values against the required path, with a title (the caller adds the data table). */
export function KpiChart({
  points,
  title,
  actualLabel,
  requiredLabel,
  format,
  markers = [],
}: {
  /** quarters a restructuring moved the initiative in: a vertical line each (the caller's legend names them) */
  markers?: string[];
  points: KpiChartPoint[];
  title: string;
  actualLabel: string;
  requiredLabel: string;
  format: (n: number) => string;
}) {
  const titleId = useId();
  return (
    <figure aria-labelledby={titleId} className="w-full">
      <figcaption id={titleId} className="mb-1 text-sm font-medium text-slate-800">
        {title}
      </figcaption>
      <div className="h-52 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 208 }}>
          <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
            <XAxis dataKey="period" tick={{ fontSize: 11, fill: "#334155" }} interval="preserveStartEnd" minTickGap={16} />
            <YAxis tick={{ fontSize: 11, fill: "#334155" }} width={56} tickFormatter={(v: number) => format(v)} domain={["auto", "auto"]} />
            <Tooltip formatter={(v) => (typeof v === "number" ? format(v) : String(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {markers
              .filter((m) => points.some((p) => p.period === m))
              .map((m) => (
                <ReferenceLine key={m} x={m} stroke="#7c3aed" strokeDasharray="3 3" label={{ value: "⟂", position: "top", fontSize: 11, fill: "#5b21b6" }} />
              ))}
            <Line type="linear" dataKey="required" name={requiredLabel} stroke="#64748b" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
            <Line type="linear" dataKey="actual" name={actualLabel} stroke="#1d4ed8" strokeWidth={2} connectNulls dot={{ r: 3 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
