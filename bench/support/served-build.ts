/**
 * A guard on the measurements: if the build a stack serves changed under it,
 * its pages would name hashed files that are gone (404s), and Lighthouse would
 * score broken pages. Checking the files a page names tells whether a
 * measurement saw the page as built.
 */

const ASSET = /(?:src|href|component-url|renderer-url|before-hydration-url)="(\/_astro\/[^"]+)"/g;

/** The /_astro files `pages` name that the site no longer serves (empty when all is well). */
export async function missingAssets(site: string, pages: readonly { path: string; cookie?: string }[]) {
  const missing = new Set<string>();
  for (const page of pages) {
    const response = await fetch(`${site}${page.path}`, { headers: page.cookie ? { cookie: page.cookie } : {} });
    const html = await response.text();
    for (const asset of new Set([...html.matchAll(ASSET)].map((m) => m[1] ?? ""))) {
      const served = await fetch(`${site}${asset}`);
      await served.arrayBuffer();
      if (served.status !== 200) missing.add(`${asset} (${served.status})`);
    }
  }
  return [...missing];
}
