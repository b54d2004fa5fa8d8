import { BUILDING_BLOCKS, ENABLERS, INITIATIVE_STATUSES, PRINCIPLES } from "@/lib/domain/codes";
import { INITIATIVE_FIELDS } from "@/lib/domain/initiative-fields";
import { MAX_YEAR, MIN_YEAR } from "./common";
import { initiativeImportRow, initiativeRuleIssues, type InitiativeImportRow } from "./initiatives";

/*
 * The import's fast path (issue 20 point 3): zod, jitless for the browser's CSP (lib/validation/zod-config.ts), spends
 * ~90 µs and most of the garbage of a 50,000-row import on each row. A row that is plainly valid is read here by hand;
 * anything else, however small the doubt, goes to the schema, which alone writes the messages. So this function
 * decides nothing the schema would decide otherwise: it answers either exactly the schema's output or null.
 * initiative-import-row.test.ts compares the two on thousands of random rows, valid and invalid.
 */

/** The keys a row may carry: the edited fields but the organisation, which a row names by its code. */
const KEYS = new Set<string>(INITIATIVE_FIELDS.filter((f) => f !== "organisationId"));

const STATUS_SET = new Set<string>(INITIATIVE_STATUSES);
const BLOCK_SET = new Set<string>(BUILDING_BLOCKS);
const PRINCIPLE_SET = new Set<string>(PRINCIPLES);
const ENABLER_SET = new Set<string>(ENABLERS);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const int = (v: unknown, min: number, max: number): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max;

/** A list of known codes, each once, at most `max`; undefined when it is not one. */
function codes(v: unknown, known: Set<string>, min: number): string[] | undefined {
  if (!Array.isArray(v) || v.length < min || v.length > known.size) return undefined;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (typeof c !== "string" || !known.has(c)) return undefined;
    for (let j = 0; j < i; j++) if (v[j] === c) return undefined;
  }
  return [...(v as string[])];
}

function day(v: unknown): string | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v !== "string" || !DAY.test(v)) return undefined;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(5, 7));
  const d = Number(v.slice(8, 10));
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31) ? v : undefined;
}

function money(v: unknown): number | null | undefined {
  if (v === null || v === undefined) return null;
  return int(v, 0, Number.MAX_SAFE_INTEGER) ? v : undefined;
}

/** The schema's output for a plainly valid row, or null: then parse it with the schema (its messages). */
export function plainImportRow(v: Record<string, unknown>): InitiativeImportRow | null {
  for (const k in v) if (!KEYS.has(k)) return null;
  if (typeof v.title !== "string") return null;
  const title = v.title.trim();
  if (title.length < 3 || title.length > 200) return null;
  const description = v.description ?? "";
  if (typeof description !== "string" || description.length > 10_000) return null;
  const buildingBlocks = codes(v.buildingBlocks, BLOCK_SET, 1);
  const principles = v.principles === null || v.principles === undefined ? [] : codes(v.principles, PRINCIPLE_SET, 0);
  const enablers = v.enablers === null || v.enablers === undefined ? [] : codes(v.enablers, ENABLER_SET, 0);
  if (!buildingBlocks || !principles || !enablers) return null;
  if (typeof v.status !== "string" || !STATUS_SET.has(v.status)) return null;
  if (!int(v.currentStage, 1, 5) || !int(v.targetStage, 1, 5) || !int(v.progress, 0, 100)) return null;
  const startDate = day(v.startDate);
  const endDate = day(v.endDate);
  const budgetPlanned = money(v.budgetPlanned);
  const budgetSpent = money(v.budgetSpent);
  if (startDate === undefined || endDate === undefined || budgetPlanned === undefined || budgetSpent === undefined) return null;
  let externalRef: string | null = null;
  if (v.externalRef !== null && v.externalRef !== undefined) {
    if (typeof v.externalRef !== "string") return null;
    const ref = v.externalRef.trim();
    if (ref.length > 100) return null;
    externalRef = ref || null;
  }
  const out = {
    title,
    description,
    buildingBlocks,
    principles,
    enablers,
    status: v.status as InitiativeImportRow["status"],
    currentStage: v.currentStage,
    targetStage: v.targetStage,
    startDate,
    endDate,
    budgetPlanned,
    budgetSpent,
    progress: v.progress,
    externalRef,
  } as InitiativeImportRow;
  return initiativeRuleIssues(out).length ? null : out;
}

/** The schema's answer for one row, by the fast path when the row is plainly valid. */
export function parseImportRow(v: Record<string, unknown>): ReturnType<typeof initiativeImportRow.safeParse> {
  const plain = plainImportRow(v);
  return plain ? { success: true, data: plain } : initiativeImportRow.safeParse(v);
}
