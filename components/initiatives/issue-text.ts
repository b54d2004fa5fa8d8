/**
 * The row problems of a file import (components/initiatives/import-form.tsx) as keys of "initiatives.issues". Only the
 * import still reads messages: its row issues (lib/server/initiatives-import.ts) do not carry machine codes yet. Every
 * form reads `details[].code` instead (lib/api-client/error-text.ts).
 */
const EXACT: Record<string, string> = {
  "at least 3 characters": "min3",
  "at most 200 characters": "max200",
  "at most 100 characters": "max100",
  "at most 40 characters": "max40",
  "at most 10000 characters": "max10000",
  "choose at least one building block": "blocksRequired",
  "a whole number": "wholeNumber",
  "a whole number of VND": "wholeVnd",
  "from 1 to 5": "stageRange",
  "from 0 to 100": "progressRange",
  "must be 0 or more": "nonNegative",
  "too large": "tooLarge",
  "use YYYY-MM-DD": "dateFormat",
  "not a real date": "dateFormat",
  "must be between currentStage and 5": "targetStage",
  "must not be before startDate": "endDate",
  "must be 100 when status is COMPLETED": "completedProgress",
  "not a valid id": "organisationRequired",
  "no such organisation": "organisationRequired",
  "required": "required",
  "a number is required": "numberRequired",
  "use YYYY-Qn, n from 1 to 4": "periodFormat",
  "must be after the baseline period": "afterBaseline",
  "must be greater than the baseline (higher is better)": "targetHigher",
  "must be less than the baseline (lower is better)": "targetLower",
  "must not be after the current quarter": "notFuture",
  "not your organisation": "notYourOrganisation",
  "This external reference is already used in this organisation": "duplicateRef",
  "the file holds no initiatives": "emptyFile",
};

const PREFIX: [RegExp, string][] = [
  [/^unknown building block/, "unknownCode"],
  [/^unknown principle/, "unknownCode"],
  [/^unknown enabler/, "unknownCode"],
  [/^use one of /, "unknownCode"],
  [/^each .* may appear only once/, "duplicateCode"],
  [/^no organisation has the code/, "unknownOrganisation"],
  [/^the same organisation and externalRef are already on row/, "duplicateRow"],
  [/^must be after the baseline period/, "afterBaseline"],
  [/^Invalid input: expected number/, "numberRequired"],
  [/^Invalid input: expected string/, "required"],
  [/^Invalid input: expected array/, "required"],
];

/** The translation key for a validation message (under "issues."), or null when it is unknown. */
export function issueKey(message: string): string | null {
  if (EXACT[message]) return EXACT[message];
  for (const [re, key] of PREFIX) if (re.test(message)) return key;
  return null;
}
