/**
 * The closing line is what CI reads, so a red run must never say `0 failed`.
 * Each case runs a real vitest over a small fixture that fails one way.
 */
import { describe, expect, it } from "vitest";
import { runVitest } from "./lib/run-vitest.ts";
import { hasFileFilter } from "./summary-reporter.ts";

const config = "scripts/fixtures/summary/vitest.config.ts";

function run(scenario: string) {
  process.env.SUMMARY_SCENARIO = scenario;
  try {
    return runVitest(["--config", config], { quiet: true });
  } finally {
    delete process.env.SUMMARY_SCENARIO;
  }
}

describe("the closing line", () => {
  it("counts a green run as it is", () => {
    expect(run("passing")).toMatchObject({ passed: 1, failed: 0, status: 0 });
  });

  it("counts a test file that fails to load as failed", () => {
    const outcome = run("load-error");
    expect(outcome).toMatchObject({ passed: 1, failed: 1 });
    expect(outcome.problems.join("\n")).toContain("this file fails to load");
  });

  it("counts a file whose beforeAll threw as failed, though none of its tests ran", () => {
    const outcome = run("hook-error");
    expect(outcome).toMatchObject({ passed: 1, failed: 1 });
    expect(outcome.problems.join("\n")).toContain("hook-error");
  });

  it("counts a global setup that throws as failed", () => {
    const outcome = run("global-setup");
    expect(outcome.failed).toBeGreaterThanOrEqual(1);
    expect(outcome.status).not.toBe(0);
  });

  it("counts a project that never ran as failed", () => {
    const outcome = run("never-ran");
    expect(outcome).toMatchObject({ passed: 1, failed: 1 });
    expect(outcome.problems).toContain('project "empty" ran no test file');
  });
});

describe("a run narrowed to some files", () => {
  it("is told apart from a full run by its positional paths", () => {
    expect(hasFileFilter(["run", "e2e/journey.test.ts"])).toBe(true);
    expect(hasFileFilter(["run", "--config", "scripts/fixtures/summary/vitest.config.ts"])).toBe(false);
    expect(hasFileFilter(["run", "--project", "worker (pglite)"])).toBe(false);
  });
});
