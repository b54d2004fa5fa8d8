import { describe, expect, test } from "vitest";
import { archiveErrorKey, archiveRequest } from "./archive-action";
import { knownError } from "./known-error";

const ID = "0b6f1c1e-1111-4222-8333-444455556666";

describe("archive and restore: one component, two calls", () => {
  test("archive is DELETE with the version in the query, then the archived list; restore is POST /restore with it in the body, then the page", () => {
    expect(archiveRequest("archive", ID, 3)).toEqual({ method: "DELETE", url: `/api/v1/initiatives/${ID}?version=3`, next: "/initiatives?archived=1" });
    expect(archiveRequest("restore", ID, 4)).toEqual({ method: "POST", url: `/api/v1/initiatives/${ID}/restore`, body: { version: 4 }, next: `/initiatives/${ID}?restored=1` });
  });

  test("failures map to each mode's messages; unknown codes to the generic one", () => {
    expect(archiveErrorKey("archive", "version_conflict")).toEqual(["initiatives", "form.conflict"]);
    expect(archiveErrorKey("archive", "forbidden")).toEqual(["initiatives", "errors.forbidden"]);
    expect(archiveErrorKey("restore", "version_conflict")).toEqual(["restore", "conflict"]);
    expect(archiveErrorKey("restore", "invalid_transition")).toEqual(["restore", "notArchived"]);
    expect(archiveErrorKey("restore", "teapot")).toEqual(["initiatives", "errors.generic"]);
    expect(knownError("unavailable")).toBe("unavailable");
  });
});
