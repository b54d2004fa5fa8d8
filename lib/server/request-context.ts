import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line of one request carries: its id (also sent back as X-Request-Id and in error answers). */
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

let inFlight = 0;

/** Runs one API request inside its context, counting it so a shutdown can wait for the requests in flight. */
export async function withRequest<T>(ctx: RequestContext, fn: () => Promise<T>): Promise<T> {
  inFlight++;
  try {
    return await requestContext.run(ctx, fn);
  } finally {
    inFlight--;
  }
}

/** How many API requests are being answered right now. */
export function requestsInFlight(): number {
  return inFlight;
}
