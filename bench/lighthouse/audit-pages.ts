/**
 * Part 4: Lighthouse on the preview build (default mobile settings, simulated
 * throttling) for performance, accessibility and best practices. Chromium is
 * CHROME_PATH, or resolved as the browser journeys do (test-support/chromium.ts),
 * launched by chrome-launcher,
 * which Lighthouse itself depends on. A signed-in page gets the session cookie
 * through Lighthouse's extraHeaders. Any failure is reported, not thrown, so
 * the rest of the bench still prints.
 */
import { resolveChromium } from "../../test-support/chromium.ts";
import type { Summary } from "../support/stats.ts";
import { summarize } from "../support/stats.ts";

export const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
type Category = (typeof CATEGORIES)[number];

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

export interface PageAudit {
  path: string;
  runs: number;
  /** Lighthouse runs started, counting the retried ones. */
  attempts: number;
  /** Scores 0–100 per category over the runs. */
  scores: Record<Category, Summary>;
  /** Largest Contentful Paint and Total Blocking Time (simulated mobile), ms. */
  lcpMs: Summary;
  tbtMs: Summary;
  /** Audits that did not pass in the last run, by category: what to fix to reach 100. */
  failing: Record<Category, string[]>;
  /** For each failing audit, its title and a few of Lighthouse's findings, to act on without rerunning. */
  findings: Record<string, { title: string; items: string[] }>;
}

/** A short text per finding: Lighthouse's items are tables of URLs, nodes or console messages. */
function itemsOf(audit: { details?: unknown } | undefined): string[] {
  const items = (audit?.details as { items?: unknown[] } | undefined)?.items ?? [];
  return items.slice(0, 3).map((item) => {
    const entry = item as { description?: unknown; url?: unknown; node?: { snippet?: unknown } };
    const text = [entry.description, entry.url, entry.node?.snippet].filter((v) => typeof v === "string").join(" ");
    return (text || JSON.stringify(item)).slice(0, 200);
  });
}

/** `invalid` says why the scores cannot be trusted, when the bench finds out. */
export type LighthouseResult = { pages: PageAudit[]; invalid?: string } | { error: string };

type Lighthouse = typeof import("lighthouse")["default"];
type Report = NonNullable<Awaited<ReturnType<Lighthouse>>>["lhr"];

/** Runs sometimes fail to record a trace (NO_NAVSTART, NO_FCP) on a loaded 2-core machine; they are retried. */
const ATTEMPTS = 3;

async function auditOnce(
  lighthouse: Lighthouse,
  port: number,
  site: string,
  page: { path: string; cookie?: string },
): Promise<{ lhr: Report; attempts: number }> {
  let lastError = "";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const result = await lighthouse(`${site}${page.path}`, {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: [...CATEGORIES],
      ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
    });
    if (result && !result.lhr.runtimeError) return { lhr: result.lhr, attempts: attempt };
    lastError = result?.lhr.runtimeError?.message ?? "Lighthouse returned nothing";
  }
  throw new Error(`${page.path}: ${lastError} (${ATTEMPTS} attempts)`);
}

export async function auditPages(
  site: string,
  pages: { path: string; cookie?: string }[],
  runs: number,
): Promise<LighthouseResult> {
  let chrome: { port: number; kill(): void } | undefined;
  try {
    const [{ default: lighthouse }, { launch }] = await Promise.all([import("lighthouse"), import("chrome-launcher")]);
    const chromePath = process.env.CHROME_PATH ?? (await resolveChromium()).executablePath;
    chrome = await launch({ chromePath, chromeFlags: CHROME_FLAGS });
    const audits: PageAudit[] = [];
    for (const page of pages) {
      const reports: Report[] = [];
      let attempts = 0;
      for (let i = 0; i < runs; i++) {
        const run = await auditOnce(lighthouse, chrome.port, site, page);
        reports.push(run.lhr);
        attempts += run.attempts;
      }
      const score = (category: Category) =>
        summarize(reports.map((lhr) => Math.round((lhr.categories[category]?.score ?? Number.NaN) * 100)));
      const metric = (id: string) => summarize(reports.map((lhr) => lhr.audits[id]?.numericValue ?? Number.NaN));
      const last = reports.at(-1);
      // Performance metrics rarely score a full 1, so only those under 0.9 ("needs improvement") are named.
      const failing = (category: Category) =>
        (last?.categories[category]?.auditRefs ?? [])
          .filter(
            (ref) => ref.weight > 0 && (last?.audits[ref.id]?.score ?? 1) < (category === "performance" ? 0.9 : 1),
          )
          .map((ref) => ref.id);
      const findings = Object.fromEntries(
        CATEGORIES.flatMap(failing).map((id) => [
          id,
          { title: last?.audits[id]?.title ?? id, items: itemsOf(last?.audits[id]) },
        ]),
      );
      audits.push({
        path: page.path,
        runs,
        attempts,
        scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(c)])) as Record<Category, Summary>,
        lcpMs: metric("largest-contentful-paint"),
        tbtMs: metric("total-blocking-time"),
        failing: Object.fromEntries(CATEGORIES.map((c) => [c, failing(c)])) as Record<Category, string[]>,
        findings,
      });
    }
    return { pages: audits };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    chrome?.kill();
  }
}
