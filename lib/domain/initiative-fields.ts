/**
 * The fields of an initiative people edit, in the form's order: what the audit log compares (lists as sets,
 * lib/server/initiatives.ts), and, without organisationId (the import's rows name their organisation by code), the
 * keys a row of the import's fast path may carry (lib/validation/initiative-import-row.ts).
 */
export const INITIATIVE_FIELDS = [
  "organisationId",
  "title",
  "description",
  "buildingBlocks",
  "principles",
  "enablers",
  "status",
  "currentStage",
  "targetStage",
  "startDate",
  "endDate",
  "budgetPlanned",
  "budgetSpent",
  "progress",
  "externalRef",
] as const;
export type InitiativeField = (typeof INITIATIVE_FIELDS)[number];
