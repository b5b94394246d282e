/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person, resolved once per request by src/middleware.ts. */
    user: import("./lib/auth.server.ts").SessionUser | null;
    /** The id (not the token) of the session this request came with, to mark "this device". */
    sessionId: string | null;
  }
}
