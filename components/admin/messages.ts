/**
 * The API's field messages are English by contract; the screens show them in the UI language. Known messages map to
 * keys of admin.fieldErrors; anything else falls back to the API's text (better a clear English sentence than none).
 */
const KNOWN: [RegExp, string][] = [
  [/^at least 12 characters$/, "passwordShort"],
  [/too common/, "passwordCommon"],
  [/not a valid email/, "email"],
  [/officer needs an organisation/, "officerNeedsOrganisation"],
  [/^required$|^Required$|expected string, received undefined/i, "required"],
  [/capital letters, digits or _/, "code"],
  [/an agency belongs to a ministry or province/, "agencyNeedsParent"],
  [/only an agency has a parent/, "onlyAgencyHasParent"],
  [/the parent must be a ministry or province/, "parentKind"],
  [/with agencies cannot become an agency/, "hasAgencies"],
  [/^at least 2 characters$/, "min2"],
  [/already (exists|taken)/i, "duplicate"],
  [/a number is required|must be a number|expected number/i, "number"],
  [/use YYYY-Qn/, "period"],
  [/must be after the baseline period/, "targetPeriodAfter"],
  [/must be greater than the baseline/, "targetAbove"],
  [/one target per metric/, "oneTargetPerMetric"],
  [/not a metric code/, "metric"],
  [/no such organisation/, "noSuchOrganisation"],
];

export function fieldMessageKey(message: string): string | null {
  for (const [re, key] of KNOWN) if (re.test(message)) return key;
  return null;
}

/** Translates a list of API field messages with `t` (scoped to admin.fieldErrors). */
export function translateFieldErrors(t: (key: string) => string, messages: string[] | undefined): string[] | undefined {
  if (!messages?.length) return undefined;
  return messages.map((m) => {
    const k = fieldMessageKey(m);
    return k ? t(k) : m;
  });
}

/** The validFrom problems of the organisations API (lib/server/organisations.ts) as keys of validity.organisationForm.errors. */
const VALID_FROM: [RegExp, string][] = [
  [/metric report\(s\) of the body are for quarters before this date/, "reportsBefore"],
  [/KPI value\(s\) of its initiatives are for quarters before this date/, "valuesBefore"],
  [/of its initiatives were created before this date/, "initiativesBefore"],
  [/must be before the day the body was dissolved/, "beforeDissolved"],
  [/^use YYYY-MM-DD$|^not a real date$|expected string/, "dateFormat"],
  [/a year from 1900 to 2100|the year must be from/, "dateRange"],
];

export function validFromError(message: string): string | null {
  for (const [re, key] of VALID_FROM) if (re.test(message)) return key;
  return null;
}
