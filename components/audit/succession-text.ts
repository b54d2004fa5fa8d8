/**
 * A restructuring's succession as the audit log stores it ({ fromId, toIds, historyTo }: ids, lib/server/restructuring-core.ts)
 * in words of the UI's language, by organisation names: "Sở A → kế thừa: Sở B, Sở C; số liệu quá khứ tính cho Sở B".
 * `t` is scoped to "validity.history"; an organisation the reader cannot see (or one deleted since) keeps its id.
 */
type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface StoredSuccession {
  fromId?: unknown;
  toIds?: unknown;
  historyTo?: unknown;
}

export function isStoredSuccession(v: unknown): v is StoredSuccession {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "fromId" in v && "toIds" in v;
}

export function successionText(t: Translate, s: StoredSuccession, name: (id: string) => string | undefined): string {
  const one = (id: unknown) => (typeof id === "string" ? (name(id) ?? id) : "—");
  const to = (Array.isArray(s.toIds) ? s.toIds : []).map(one).join(", ") || "—";
  const values = { from: one(s.fromId), to };
  return typeof s.historyTo === "string" && s.historyTo ? t("successionWithHistory", { ...values, historyTo: one(s.historyTo) }) : t("succession", values);
}
