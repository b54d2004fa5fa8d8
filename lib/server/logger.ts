import "server-only";
import pino from "pino";
import { requestContext } from "./request-context";

/**
 * Structured JSON logs (pino). Every line written while answering a request carries its request id (from
 * AsyncLocalStorage). Secrets are redacted by path; callers pass ids, never passwords or tokens.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "dgov-tracker" },
  mixin() {
    const ctx = requestContext.getStore();
    return ctx ? { requestId: ctx.requestId } : {};
  },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "passwordHash", "*.passwordHash", "cookie", "*.cookie", "headers.authorization", "headers.cookie"],
    censor: "[redacted]",
  },
});
