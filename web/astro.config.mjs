// @ts-check
import cloudflare from "@astrojs/cloudflare";
import react from "@astrojs/react";
import { defineConfig } from "astro/config";

// The browser calls the API directly, so the policy must allow it. Set API_ORIGIN when
// building for production; the default is the development API.
const apiOrigin = process.env.API_ORIGIN ?? "http://localhost:8787";

export default defineConfig({
  output: "server",
  // The site has its own Wrangler file, so the API's root wrangler.jsonc is never read here.
  adapter: cloudflare({ configPath: "./wrangler.jsonc", imageService: "passthrough" }),
  integrations: [react()],
  // No Astro sessions: Better Auth owns the session, so no SESSION KV binding is needed.
  session: false,
  server: { port: 4321, host: "localhost" },
  devToolbar: { enabled: false },
  // `astro build` keeps its own Vite cache, so a build (npm run preview) never
  // rewrites the pre-bundled dependencies a running `astro dev` is serving.
  vite: process.argv.includes("build")
    ? { cacheDir: process.env.ASTRO_BUILD_CACHE ?? "node_modules/.vite-build" }
    : // Find and pre-bundle every island dependency before the first page is served. A
      // dependency Vite discovers later (on a browser's first visit) makes it re-bundle and
      // reload the page under that visitor, which is how a fresh clone's first journeys failed.
      {
        optimizeDeps: {
          entries: ["src/components/**/*.tsx"],
          include: ["hono/client", "react", "react-dom", "react-dom/client", "react/jsx-runtime"],
        },
        server: { warmup: { clientFiles: ["./src/components/**/*.tsx"] } },
      },
  // A Content-Security-Policy header with hashes of Astro's own scripts and styles
  // (applied to built pages; `astro dev` does not send it).
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        // The live socket (ws: or wss:, issue 16) as well as fetches go to the API.
        `connect-src 'self' ${apiOrigin} ${apiOrigin.replace(/^http/, "ws")}`,
        "img-src 'self' data:",
        // The reminders' service worker, /sw.js (issue 15); stated, not left to default-src.
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ],
    },
  },
});
