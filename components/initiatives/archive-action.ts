import { knownError } from "./known-error";

export type ArchiveMode = "archive" | "restore";

/** The API call of each mode (DELETE with the version in the query; POST /restore with it in the body), and where to go after. */
export function archiveRequest(mode: ArchiveMode, id: string, version: number): { method: string; url: string; body?: unknown; next: string } {
  return mode === "archive"
    ? { method: "DELETE", url: `/api/v1/initiatives/${id}?version=${version}`, next: "/initiatives?archived=1" }
    : { method: "POST", url: `/api/v1/initiatives/${id}/restore`, body: { version }, next: `/initiatives/${id}?restored=1` };
}

/** The message key of a failure: [namespace, key] ("initiatives" or "restore"). */
export function archiveErrorKey(mode: ArchiveMode, code: string): ["initiatives" | "restore", string] {
  if (mode === "archive") return code === "version_conflict" ? ["initiatives", "form.conflict"] : ["initiatives", `errors.${knownError(code)}`];
  if (code === "version_conflict") return ["restore", "conflict"];
  if (code === "invalid_transition") return ["restore", "notArchived"];
  return ["initiatives", `errors.${knownError(code)}`];
}
