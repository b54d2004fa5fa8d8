import "server-only";
import { prisma } from "./db";
import { transaction, type Tx } from "./tx";
import { audit, diffFields } from "./audit";
import { ForbiddenError } from "./errors";
import { can, type Actor } from "@/lib/auth/permissions";
import { parseOrThrow } from "@/lib/validation/common";
import { briefingSettingsInput, type BriefingSettings } from "@/lib/validation/briefing";

const FIELDS = ["signerTitle", "signerName", "signerUnit"];
const EMPTY: BriefingSettings = { signerTitle: "", signerName: "", signerUnit: "" };

/** The signature block in force (internal: no actor); empty until an admin sets it. */
export async function readBriefingSettings(db: Tx | typeof prisma = prisma): Promise<BriefingSettings> {
  const row = await db.briefingSettings.findUnique({ where: { id: 1 }, select: { signerTitle: true, signerName: true, signerUnit: true } });
  return row ?? { ...EMPTY };
}

/** The briefing's signature block (any signed-in user: it is printed on every briefing). */
export async function getBriefingSettings(_actor: Actor): Promise<BriefingSettings> {
  return readBriefingSettings();
}

/** Replaces the signature block whole (ADMIN), audited as entityType Settings, entityId "briefing". */
export async function putBriefingSettings(actor: Actor, input: unknown): Promise<BriefingSettings> {
  if (!can(actor, "settings.manage")) throw new ForbiddenError();
  const s = parseOrThrow(briefingSettingsInput, input);
  return transaction(async (tx) => {
    const before = await readBriefingSettings(tx);
    const data = { ...s, updatedAt: new Date(), updatedById: actor.id };
    await tx.briefingSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    const changes = diffFields({ ...before }, { ...s }, FIELDS);
    if (Object.keys(changes).length) await audit(tx, actor, { action: "update", entityType: "Settings", entityId: "briefing", changes });
    return s;
  });
}
