/**
 * Where the generated OpenAPI document lives: a static asset of the API Worker
 * (wrangler.jsonc `assets.directory`), served at /openapi.json through the ASSETS binding.
 */
export const OPENAPI_ASSET = new URL("../../worker/assets/openapi.json", import.meta.url);
