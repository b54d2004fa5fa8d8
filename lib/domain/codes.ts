/** The fixed codes of spec/domain.md. Names live in the database (seeded) and the translation files. */
export const BUILDING_BLOCKS = [
  "ONE_PORTAL",
  "SHARED_DATA",
  "SHARED_SERVICES",
  "SHARED_INFRASTRUCTURE",
  "SENSORS_ANALYTICS",
  "CYBERSECURITY_PRIVACY",
] as const;
export type BuildingBlockCode = (typeof BUILDING_BLOCKS)[number];

export const PRINCIPLES = ["DIGITAL_BY_DEFAULT", "MOBILE_FIRST", "USER_CENTRIC", "FULLY_DIGITAL", "GOVERNMENT_AS_PLATFORM"] as const;
export type PrincipleCode = (typeof PRINCIPLES)[number];

export const ENABLERS = ["LEADERSHIP_GOVERNANCE", "INTERNAL_INNOVATION", "SKILLS_CULTURE"] as const;
export type EnablerCode = (typeof ENABLERS)[number];

export const INITIATIVE_STATUSES = ["PLANNED", "IN_PROGRESS", "COMPLETED", "ON_HOLD", "CANCELLED"] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** The five key metrics, in the order of the maturity stages they measure. */
export const METRICS = ["SERVICES_ONLINE", "OPEN_DATASETS", "KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED", "NEW_DELIVERY_MODELS"] as const;
export type MetricCode = (typeof METRICS)[number];

export type MetricKind = "RATIO" | "COUNT" | "PERCENT";
export const METRIC_KIND: Record<MetricCode, MetricKind> = {
  SERVICES_ONLINE: "RATIO",
  OPEN_DATASETS: "COUNT",
  KPI_IMPROVEMENT: "PERCENT",
  SERVICES_NEW_RETIRED: "RATIO",
  NEW_DELIVERY_MODELS: "COUNT",
};
export const RATIO_METRICS = METRICS.filter((m) => METRIC_KIND[m] === "RATIO");
/** The metrics that are percentages (rated per organisation against national targets). */
export const PERCENT_METRICS: MetricCode[] = ["SERVICES_ONLINE", "SERVICES_NEW_RETIRED", "KPI_IMPROVEMENT"];

export const STAGES = [1, 2, 3, 4, 5] as const;
export type StageLevel = (typeof STAGES)[number];

export const ORGANISATION_KINDS = ["MINISTRY", "PROVINCE", "AGENCY"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = ["OFFICER", "LEADERSHIP", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const REPORT_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "REJECTED"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const KPI_DIRECTIONS = ["HIGHER_IS_BETTER", "LOWER_IS_BETTER"] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/** The text encodings a CSV upload may name (lib/domain/text-encoding.ts decodes them). */
export const TEXT_ENCODINGS = ["utf-8", "windows-1258"] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
