"use server";

import { getActor } from "@/lib/auth/session";
import { putNationalTargets } from "@/lib/server/targets";
import { AppError, type ErrorDetail } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import type { NationalTargetDto } from "@/lib/dto/settings";

export type TargetsFormState =
  | { ok: true; targets: NationalTargetDto[] }
  | { ok: false; code: string; details: ErrorDetail[] };

/**
 * Replaces the national targets. A server action is a public POST endpoint: it resolves the caller itself and the
 * core (putNationalTargets) decides whether they may, so a crafted request without the ADMIN role gets "forbidden".
 */
export async function saveNationalTargetsAction(input: unknown): Promise<TargetsFormState> {
  const actor = await getActor().catch(() => null);
  if (!actor) return { ok: false, code: "unauthenticated", details: [] };
  try {
    return { ok: true, targets: await putNationalTargets(actor, input) };
  } catch (err) {
    // the details with their machine codes: the form translates them (lib/api-client/error-text.ts)
    if (err instanceof AppError) return { ok: false, code: err.code, details: (err.details ?? []).map((d) => ({ ...d, code: d.code ?? "invalid" })) };
    logger.error({ err }, "saving national targets failed");
    return { ok: false, code: "internal_error", details: [] };
  }
}
