import { createHash, randomBytes } from "node:crypto";

/** A new bearer token: 32 random bytes, base64url, with a recognisable prefix. */
export function newToken(): string {
  return `dgt_${randomBytes(32).toString("base64url")}`;
}

/** Tokens are stored only as their SHA-256 (they are random, so a slow hash adds nothing). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Sign-in tokens and sessions live at most 12 hours. */
export const TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
