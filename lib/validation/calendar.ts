import { z } from "zod";
import { isoDate, period, rule } from "./common";
import { MAX_CALENDAR_DAY } from "@/lib/domain/calendar";
import { periodIndex } from "@/lib/domain/periods";

/** At most this many quarters in one calendar answer (50 years). */
export const CALENDAR_MAX_QUARTERS = 200;

const day = z.number({ error: "a whole number from 1 to 28" }).int("a whole number from 1 to 28").min(1).max(MAX_CALENDAR_DAY);

/** PUT /api/v1/reporting-settings: the whole record. */
export const reportingSettingsInput = z.strictObject({
  cutOffDay: day,
  dueDay: day,
  minimumCoverage: z.number({ error: "a number from 0 to 1" }).min(0).max(1),
});

/** PUT /api/v1/reporting-calendar/{period}. */
export const calendarOverrideInput = z.strictObject({ cutOff: isoDate, dueDate: isoDate });

/** GET /api/v1/reporting-calendar?from=&to= (both optional: the current quarter). */
export const calendarQuery = z
  .strictObject({ from: period.optional(), to: period.optional() })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return;
    const a = periodIndex(q.from)!;
    const b = periodIndex(q.to)!;
    if (a > b) ctx.addIssue({ code: "custom", path: ["to"], ...rule("before_from", "must not be before from") });
    else if (b - a >= CALENDAR_MAX_QUARTERS) ctx.addIssue({ code: "custom", path: ["to"], ...rule("too_many_quarters", `at most ${CALENDAR_MAX_QUARTERS} quarters`, { maximum: CALENDAR_MAX_QUARTERS }) });
  });
