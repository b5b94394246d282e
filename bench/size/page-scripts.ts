/**
 * Part 3b: the JavaScript a browser downloads per page. A page's HTML names
 * its island scripts (component-url, renderer-url, script src, modulepreload);
 * those import shared chunks statically, which the browser fetches before
 * running anything, so the closure over static imports is counted too.
 * Dynamic import() chunks load later, on demand, and are left out.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface PageScripts {
  path: string;
  status: number;
  /** /_astro files, the HTML's own references first, then what they import. */
  files: string[];
  bytes: number;
  gzipBytes: number;
  /** Inline <script> bodies in the HTML (Astro's island loader), already counted in the HTML's size. */
  inlineBytes: number;
}

const REFERENCE = /(?:src|href|component-url|renderer-url|before-hydration-url)="(\/_astro\/[^"]+\.js)"/g;
const STATIC_IMPORT = /(?:from|import)\s*["']\.\/([^"']+\.js)["']/g;
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

function closure(assetsDir: string, roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(assetsDir, file), "utf8");
    for (const match of code.matchAll(STATIC_IMPORT)) if (match[1]) visit(match[1]);
  };
  for (const root of roots) visit(root);
  return [...seen];
}

/** Fetches `path` from the running site (with `cookie` if signed in) and sizes its scripts from the build. */
export async function measurePageScripts(site: string, path: string, clientDir: string, cookie?: string) {
  const response = await fetch(`${site}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const html = await response.text();
  const roots = [...new Set([...html.matchAll(REFERENCE)].map((m) => (m[1] ?? "").replace(/^\/_astro\//, "")))];
  const assetsDir = join(clientDir, "_astro");
  const missing = roots.filter((file) => !existsSync(join(assetsDir, file)));
  if (missing.length > 0) {
    throw new Error(`${path} names ${missing.join(", ")}, not in the copied build: web/dist was rebuilt meanwhile?`);
  }
  const files = closure(assetsDir, roots);
  const code = files.map((file) => readFileSync(join(assetsDir, file)));
  const inline = [...html.matchAll(INLINE_SCRIPT)].map((m) => Buffer.byteLength(m[1] ?? ""));
  const result: PageScripts = {
    path,
    status: response.status,
    files,
    bytes: code.reduce((sum, buffer) => sum + buffer.length, 0),
    // Each file is its own response, so each is compressed on its own.
    gzipBytes: code.reduce((sum, buffer) => sum + gzipSync(buffer).length, 0),
    inlineBytes: inline.reduce((sum, bytes) => sum + bytes, 0),
  };
  return result;
}
