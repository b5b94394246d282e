/**
 * Counts a vitest run honestly: `N passed, N failed`, summing every project.
 * Besides failed tests, a failure is:
 * - a test file that failed to load, or whose hooks failed (its tests never ran);
 * - an error outside any test;
 * - a project that was configured but ran no test file.
 * With SUMMARY_FILE set (scripts/test.ts sets it) the counts go to that file
 * as JSON for the caller to print; otherwise this prints the line itself.
 */
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import type { Reporter, SerializedError, TestModule, TestRunEndReason, Vitest } from "vitest/node";

export interface RunSummary {
  passed: number;
  failed: number;
  /** Why each failure outside a test counted, one line each. */
  problems: string[];
  reason: TestRunEndReason;
}

export function summarize(
  projects: readonly string[],
  modules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
  reason: TestRunEndReason,
): RunSummary {
  let passed = 0;
  let failed = 0;
  const problems: string[] = [];
  for (const error of unhandledErrors) {
    failed++;
    problems.push(`unhandled error: ${error.message ?? error.name ?? "unknown"}`);
  }
  for (const module of modules) {
    let failedHere = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === "passed") passed++;
      else if (state === "failed") failedHere++;
    }
    failed += failedHere;
    // A file that failed to load, or whose beforeAll threw, fails with no failed test in it.
    if (module.state() === "failed" && failedHere === 0) {
      failed++;
      const cause = module.errors()[0]?.message ?? "its hooks failed";
      problems.push(`${module.project.name} › ${relative(process.cwd(), module.moduleId)}: ${cause}`);
    }
  }
  const ran = new Set(modules.map((module) => module.project.name));
  for (const project of projects) {
    if (!ran.has(project)) {
      failed++;
      problems.push(`project "${project}" ran no test file`);
    }
  }
  // Whatever vitest itself calls a failure is one, even if nothing above counted it.
  if (reason !== "passed" && failed === 0) {
    failed = 1;
    problems.push(`vitest ended the run as "${reason}"`);
  }
  return { passed, failed, problems, reason };
}

export function closingLine({ passed, failed }: Pick<RunSummary, "passed" | "failed">): string {
  return `${passed} passed, ${failed} failed`;
}

/** Whether the command line names test files: positional arguments that look like paths. */
export function hasFileFilter(argv: readonly string[]): boolean {
  const takesValue = new Set(["--config", "-c", "--root", "-r", "--dir", "--project", "--reporter", "-t"]);
  return argv.some((arg, i) => !arg.startsWith("-") && !takesValue.has(argv[i - 1] ?? "") && /[./]/.test(arg));
}

export default class SummaryReporter implements Reporter {
  private projects: string[] = [];

  onInit(vitest: Vitest) {
    // A run narrowed to some files (`vitest run e2e/journey.test.ts`) leaves other projects idle on purpose.
    this.projects = hasFileFilter(process.argv.slice(2)) ? [] : vitest.projects.map((project) => project.name);
  }

  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ) {
    const summary = summarize(this.projects, modules, unhandledErrors, reason);
    const file = process.env.SUMMARY_FILE;
    if (file) {
      writeFileSync(file, JSON.stringify(summary));
      return;
    }
    for (const problem of summary.problems) process.stdout.write(`✖ ${problem}\n`);
    process.stdout.write(`\n${closingLine(summary)}\n`);
  }
}
