// @ts-check
import cloudflare from "@astrojs/cloudflare";
import react from "@astrojs/react";
import { defineConfig } from "astro/config";

export default defineConfig({
  output: "server",
  // The site has its own Wrangler file, so the API's root wrangler.toml is never read here.
  adapter: cloudflare({ configPath: "./wrangler.jsonc", imageService: "passthrough" }),
  integrations: [react()],
  // No Astro sessions: Better Auth owns the session, so no SESSION KV binding is needed.
  session: false,
  server: { port: 4321, host: "localhost" },
  devToolbar: { enabled: false },
});
