const KNOWN = ["forbidden", "not_found", "invalid_transition", "network", "unauthenticated", "validation_failed", "duplicate", "unavailable"];

/** An API error code the "initiatives.errors" messages have a text for, or "generic". */
export function knownError(code: string): string {
  return KNOWN.includes(code) ? code : "generic";
}
