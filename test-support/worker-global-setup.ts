/**
 * Vitest global setup for the Worker suites (runs in Node, not workerd):
 * a real database behind the local SQL endpoint, migrated, and a real
 * Better Auth serving sign-up, /token and /jwks, exactly as the site does.
 * The tests inside workerd reach both over loopback.
 */
import type { TestProject } from "vitest/node";
import { startTestStack } from "./stack.ts";

export default async function setup(project: TestProject) {
  const database = project.config.env.TEST_DATABASE === "postgres" ? "postgres" : "pglite";
  const stack = await startTestStack({ database });
  project.provide("sqlEndpoint", stack.sqlEndpoint);
  project.provide("authOrigin", stack.authOrigin);
  project.provide("databaseName", database);
  return () => stack.stop();
}

// The provided keys are typed in worker/test/provided-context.d.ts.
import type {} from "../worker/test/provided-context.d.ts";
