/** Query and body schemas of the leadership briefing (issue 19). */
import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";
import { period, queryBool } from "./common";
import { basis } from "./dashboard";

/** GET /dashboard/national/briefing.pdf: a quarter (default: the latest closed one), the language, the counting rule. */
export const nationalBriefingQuery = z.strictObject({
  period: period.optional(),
  lang: z.enum(LOCALES, { error: "vi or en" }).default("vi"),
  includeSubmitted: queryBool,
});

/** GET /dashboard/organisations/{id}/briefing.pdf: the same and the basis of the organisation's figures. */
export const organisationBriefingQuery = nationalBriefingQuery.extend({ basis });

const line = (max: number) => z.string({ error: "a text" }).trim().max(max, `at most ${max} characters`);

/** PUT /briefing-settings: the whole signature block (empty strings leave a line out). */
export const briefingSettingsInput = z.strictObject({
  signerTitle: line(200),
  signerName: line(200),
  signerUnit: line(300),
});
export type BriefingSettings = z.infer<typeof briefingSettingsInput>;
