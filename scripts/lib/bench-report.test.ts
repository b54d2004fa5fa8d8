import { describe, test, expect } from "vitest";
import { HAND_WRITTEN_MARKER, keepHandWritten } from "./bench-report";

describe("BENCHMARKS.md: the hand-written part survives a new run", () => {
  test("everything after the marker is kept as it is, the generated part replaced", () => {
    const previous = `# old figures\n\n| a | 1 |\n\n${HAND_WRITTEN_MARKER}\n\n## Phone pages\n\nLighthouse 93.\n\n## Imports\n\n4.1 s\n`;
    expect(keepHandWritten("# new figures\n\n| a | 2 |\n\n", previous)).toBe(
      `# new figures\n\n| a | 2 |\n\n${HAND_WRITTEN_MARKER}\n\n## Phone pages\n\nLighthouse 93.\n\n## Imports\n\n4.1 s\n`,
    );
  });
  test("a file without the marker (or none): the marker is added, nothing else kept", () => {
    expect(keepHandWritten("# new\n", "# old, no marker\n\nnotes\n")).toBe(`# new\n\n${HAND_WRITTEN_MARKER}\n`);
    expect(keepHandWritten("# new\n", null)).toBe(`# new\n\n${HAND_WRITTEN_MARKER}\n`);
  });
});
