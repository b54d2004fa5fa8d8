"use server";

import { getActor } from "@/lib/auth/session";
import { putNationalTargets, type NationalTargetDto } from "@/lib/server/targets";
import { AppError } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";

export type TargetsFormState =
  | { ok: true; targets: NationalTargetDto[] }
  | { ok: false; code: string; fieldErrors: Record<string, string[]> };

/**
 * Replaces the national targets. A server action is a public POST endpoint: it resolves the caller itself and the
 * core (putNationalTargets) decides whether they may, so a crafted request without the ADMIN role gets "forbidden".
 */
export async function saveNationalTargetsAction(input: unknown): Promise<TargetsFormState> {
  const actor = await getActor().catch(() => null);
  if (!actor) return { ok: false, code: "unauthenticated", fieldErrors: {} };
  try {
    return { ok: true, targets: await putNationalTargets(actor, input) };
  } catch (err) {
    if (err instanceof AppError) {
      const fieldErrors: Record<string, string[]> = {};
      for (const d of err.details ?? []) (fieldErrors[d.path] ??= []).push(d.message);
      return { ok: false, code: err.code, fieldErrors };
    }
    logger.error({ err }, "saving national targets failed");
    return { ok: false, code: "internal_error", fieldErrors: {} };
  }
}
