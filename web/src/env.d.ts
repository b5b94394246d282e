/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person, resolved once per request by src/middleware.ts. */
    user: import("./lib/auth.server.ts").SessionUser | null;
  }
}
