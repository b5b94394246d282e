/**
 * `npm run openapi`: writes the OpenAPI document the Worker serves into
 * worker/assets/openapi.json, which wrangler.jsonc uploads as a static asset and
 * `/openapi.json` reads through the ASSETS binding: the document is neither part of the
 * Worker's code (upload size, startup parse) nor built at startup. Run it after changing a
 * route or schema; worker/src/openapi/document.test.ts fails until you do.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { openApiJson } from "../worker/src/openapi/document.ts";
import { OPENAPI_ASSET } from "./lib/openapi-asset.ts";

// Exactly the generator's text, compact as the Worker serves it: biome.json leaves the file alone.
const source = openApiJson();
mkdirSync(new URL(".", OPENAPI_ASSET), { recursive: true });
writeFileSync(OPENAPI_ASSET, source);
console.log(`wrote ${OPENAPI_ASSET.pathname} (${source.length} bytes)`);
