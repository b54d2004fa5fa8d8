"use client";

// The charts are pictures for sighted readers (aria-hidden); each has a data table beside it for everyone else, so
// recharts' keyboard layer is off (a focusable element inside aria-hidden is an accessibility error).

/**
 * The dashboard's charts (recharts). Each sits in a <ChartFrame> that gives it a title and a data table, so the
 * drawing itself is hidden from screen readers. Data arrives from the server; nothing is fetched here.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useLocale } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { formatNumber, formatPercent } from "@/lib/i18n/format";

const BRAND = "#1e40af";
const TEAL = "#0f766e";
const AMBER = "#b45309";

export interface TrendDatum {
  label: string;
  value: number | null;
  /** the required path of a national target, where there is one */
  expected?: number | null;
}

export function TrendChart({
  data,
  valueName,
  expectedName,
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
  const locale = useLocale() as Locale;
  // the Vietnamese way in Vietnamese: 2.800 and 34,5 %
  const fmt = (v: unknown) => (typeof v === "number" ? (percent ? formatPercent(locale, v, 1) : formatNumber(locale, v, 1)) : "—");
  const tick = (v: number) => formatNumber(locale, v, 1);
  const hasExpected = !!expectedName && data.some((d) => d.expected != null);
  return (
    <div aria-hidden="true" className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#334155" }} interval="preserveStartEnd" />
          <YAxis
            tick={{ fontSize: 11, fill: "#334155" }}
            width={48}
            tickFormatter={tick}
            domain={percent ? [0, "auto"] : ["auto", "auto"]}
          />
          <Tooltip formatter={fmt} />
          {markers
            .filter((m) => data.some((d) => d.label === m.label))
            .map((m) => (
              <ReferenceLine key={m.label} x={m.label} stroke="#7c3aed" strokeDasharray="3 3" label={{ value: "⟂", position: "top", fontSize: 11, fill: "#5b21b6" }} />
            ))}
          <Line
            type="monotone"
            dataKey="value"
            name={valueName}
            stroke={BRAND}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
          {hasExpected && (
            <Line
              type="linear"
              dataKey="expected"
              name={expectedName}
              stroke={AMBER}
              strokeDasharray="5 4"
              dot={false}
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface StageDatum {
  stage: string;
  ministries: number;
  provinces: number;
}

/** Ministries and provinces per maturity stage, stacked. */
export function StageChart({
  data,
  ministries,
  provinces,
}: {
  data: StageDatum[];
  ministries: string;
  provinces: string;
}) {
  return (
    <div aria-hidden="true" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -20 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="stage"
            tick={{ fontSize: 11, fill: "#334155" }}
            interval={0}
            height={48}
            // six columns share the width (50 px each at 375 px): a stage shows its number only ("1. Chính phủ điện
            // tử" → "1"), the tooltip and the table beside the chart give the full names
            tickFormatter={(s: string) => /^\d+\./.exec(s)?.[0].slice(0, -1) ?? (s.length > 10 ? `${s.slice(0, 9)}…` : s)}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#334155" }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="ministries" name={ministries} stackId="s" fill={BRAND} isAnimationActive={false} />
          <Bar dataKey="provinces" name={provinces} stackId="s" fill={TEAL} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface BarDatum {
  name: string;
  value: number;
}

/** Horizontal bars with their names beside them (statuses, building blocks, claimed stages). */
export function HorizontalBars({
  data,
  valueName,
  percent = false,
}: {
  data: BarDatum[];
  valueName: string;
  percent?: boolean;
}) {
  const height = Math.max(120, data.length * 34 + 24);
  return (
    <div aria-hidden="true" className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={false}
            tick={{ fontSize: 11, fill: "#334155" }}
            domain={percent ? [0, 100] : [0, "auto"]}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={150}
            tick={{ fontSize: 11, fill: "#334155" }}
            tickFormatter={(s: string) => (s.length > 26 ? `${s.slice(0, 25)}…` : s)}
          />
          <Tooltip />
          <Bar
            dataKey="value"
            name={valueName}
            fill={BRAND}
            isAnimationActive={false}
            label={{ position: "right", fontSize: 11, fill: "#0f172a" }}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
