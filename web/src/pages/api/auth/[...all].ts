/** Better Auth's routes: sign-up, sign-in, sign-out, /token and /jwks. */
import type { APIRoute } from "astro";
import { auth } from "../../../lib/auth.server.ts";

export const prerender = false;

export const ALL: APIRoute = ({ request }) => auth().handler(request);
