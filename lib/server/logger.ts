import "server-only";
import pino from "pino";

/**
 * Structured JSON logs (pino). Secrets are redacted by path; callers pass ids, never passwords or tokens.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "dgov-tracker" },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "passwordHash", "*.passwordHash", "cookie", "*.cookie"],
    censor: "[redacted]",
  },
});
