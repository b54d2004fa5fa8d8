/**
 * libpq's multi-host connection strings for node-postgres, which does not read them (shared by lib/server/db.ts and
 * the migration runner): `postgresql://user:pass@db1:5432,db2:5432/tracker?target_session_attrs=read-write`.
 */
import pg from "pg";

export interface HostList {
  hosts: { host: string; port: number }[];
  /** target_session_attrs=read-write (or primary): only a server that is not in recovery is used */
  readWrite: boolean;
  /** the URL with one host, `{host}`/`{port}` left to fill in */
  urlFor(h: { host: string; port: number }): string;
}

/**
 * libpq's multi-host URL, which node-postgres does not understand:
 * `postgresql://user:pass@db1:5432,db2:5432/tracker?target_session_attrs=read-write`. Null for a one-host URL.
 */
export function parseHostList(url: string): HostList | null {
  const m = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/.exec(url);
  if (!m || !m[3].includes(",")) return null;
  const hosts = m[3].split(",").map((h) => {
    const hp = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(h.trim());
    if (!hp) throw new Error(`DATABASE_URL: cannot read the host "${h}"`);
    return { host: hp[1].replace(/^\[|\]$/g, ""), port: Number(hp[2] ?? 5432) };
  });
  const params = new URLSearchParams((m[5] ?? "").slice(1));
  const attrs = params.get("target_session_attrs") ?? "any";
  params.delete("target_session_attrs");
  const query = params.toString();
  return {
    hosts,
    readWrite: attrs === "read-write" || attrs === "primary",
    urlFor: (h) => `${m[1]}${m[2] ?? ""}${h.host.includes(":") ? `[${h.host}]` : h.host}:${h.port}${m[4] ?? ""}${query ? `?${query}` : ""}`,
  };
}

/**
 * The URL of the one server to write to: for a multi-host URL the first host that accepts connections (and, with
 * read-write, is not in recovery); a one-host URL as it is. For the migration runner and other one-shot scripts.
 */
export async function readWriteUrl(url: string, connectTimeoutMs = 5_000): Promise<string> {
  const list = parseHostList(url);
  if (!list) return url;
  for (const h of list.hosts) {
    const one = list.urlFor(h);
    const c = new pg.Client({ connectionString: one, connectionTimeoutMillis: connectTimeoutMs });
    c.on("error", () => {});
    try {
      await c.connect();
      if (!list.readWrite) return one;
      const { rows } = await c.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r");
      if (rows[0]?.r === false) return one;
    } catch {
      /* the next host */
    } finally {
      await c.end().catch(() => {});
    }
  }
  throw new Error(`no ${list.readWrite ? "read-write " : ""}database server among ${list.hosts.map((h) => `${h.host}:${h.port}`).join(", ")}`);
}
