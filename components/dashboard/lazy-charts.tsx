"use client";

/**
 * The dashboard's charts, loaded after the page: recharts and its d3 modules are most of the dashboard's JavaScript,
 * and the figures, tiles and data tables are readable without them. A box of the chart's own height holds the place,
 * so nothing jumps when a chart arrives.
 */
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type * as Charts from "./charts";

const placeholder = (className: string) =>
  function ChartPlaceholder() {
    return <div aria-hidden="true" className={`${className} w-full rounded bg-slate-50`} />;
  };

export const TrendChart = dynamic<ComponentProps<typeof Charts.TrendChart>>(() => import("./charts").then((m) => m.TrendChart), {
  ssr: false,
  loading: placeholder("h-48"),
});

export const StageChart = dynamic<ComponentProps<typeof Charts.StageChart>>(() => import("./charts").then((m) => m.StageChart), {
  ssr: false,
  loading: placeholder("h-64"),
});

export const HorizontalBars = dynamic<ComponentProps<typeof Charts.HorizontalBars>>(
  () => import("./charts").then((m) => m.HorizontalBars),
  { ssr: false, loading: placeholder("h-32") },
);
