import { describe, test, expect } from "vitest";
import { safeCallbackUrl, safeRedirect, sameOriginPath } from "./callback-url";

// each of these reaches another host (or runs script) in a browser, or is not a path of this site
const NASTY = [
  "//evil.example",
  "//evil.example/path",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "\t//evil.example",
  " /\t/evil.example",
  "/ /evil.example",
  "/\u0000/evil.example",
  "/\u00a0/evil.example",
  "/\u2028/evil.example",
  "/\ufeff/evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "https://evil.example",
  "http://evil.example/",
  "HTTPS://evil.example",
  "https:evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "%2F%2Fevil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%09/evil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/%0A/evil.example",
  "evil.example",
  "",
  "/" + "a".repeat(3000),
];

describe("callbackUrl: only same-origin paths", () => {
  test.each(NASTY)("refused: %j", (raw) => {
    expect(sameOriginPath(raw)).toBeNull();
    expect(safeCallbackUrl(raw)).toBe("/");
  });

  test("every refused value, as a browser would resolve it, lands on this site", () => {
    // the oracle: the browser's own URL parser on a real origin
    for (const raw of NASTY) expect(new URL(safeCallbackUrl(raw), "https://tracker.gov.vn").host).toBe("tracker.gov.vn");
  });

  test.each([
    ["/", "/"],
    ["/dashboard", "/dashboard"],
    ["/initiatives?q=chinh%20phu&page=2", "/initiatives?q=chinh%20phu&page=2"],
    ["/initiatives/7d6f0a3e-1c2b-4a5d-9e8f-0a1b2c3d4e5f#history", "/initiatives/7d6f0a3e-1c2b-4a5d-9e8f-0a1b2c3d4e5f#history"],
    ["/reports/../dashboard", "/dashboard"],
  ])("kept: %j → %j", (raw, expected) => {
    expect(safeCallbackUrl(raw)).toBe(expected);
  });

  test("never back to the login page (no loop); missing → home", () => {
    expect(safeCallbackUrl("/login")).toBe("/");
    expect(safeCallbackUrl("/login?callbackUrl=%2F")).toBe("/");
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(null)).toBe("/");
    expect(safeCallbackUrl("/login-help")).toBe("/login-help");
  });
});

describe("next-auth redirect callback", () => {
  const base = "http://localhost:3000";
  test("paths and same-origin URLs are followed, on the site's origin", () => {
    expect(safeRedirect("/login", base)).toBe("http://localhost:3000/login");
    expect(safeRedirect("http://localhost:3000/dashboard?x=1", base)).toBe("http://localhost:3000/dashboard?x=1");
  });
  test.each([...NASTY, "http://localhost:3000//evil.example", "http://localhost:3000/\t/evil.example", "http://localhost:3001/", "http://localhost:3000@evil.example/"])(
    "anything else goes home: %j",
    (url) => {
      expect(safeRedirect(url, base)).toBe("http://localhost:3000/");
    },
  );
});
