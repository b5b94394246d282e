/**
 * Vitest global setup for the Worker suites (runs in Node, not workerd):
 * a real database behind the local SQL endpoint, migrated, and a real
 * Better Auth serving sign-up, /token and /jwks, exactly as the site does,
 * a key-set host the tests can take down (jwks-server.ts), and a faulty
 * network in front of the SQL endpoint (sql-fault-proxy.ts), and a fake push
 * service (push-service.ts).
 * The tests inside workerd reach all five over loopback.
 */
import type { TestProject } from "vitest/node";
import { startJwksServer } from "./jwks-server.ts";
import { startPushService } from "./push-service.ts";
import { startSqlFaultProxy } from "./sql-fault-proxy.ts";
import { startTestStack } from "./stack.ts";

export default async function setup(project: TestProject) {
  const database = project.config.env.TEST_DATABASE === "postgres" ? "postgres" : "pglite";
  const stack = await startTestStack({ database });
  project.provide("sqlEndpoint", stack.sqlEndpoint);
  project.provide("databaseUrl", stack.databaseUrl);
  project.provide("authOrigin", stack.authOrigin);
  project.provide("databaseName", database);
  const jwksServer = await startJwksServer();
  project.provide("jwksServerOrigin", jwksServer.origin);
  const sqlFaultProxy = await startSqlFaultProxy(stack.sqlEndpoint);
  project.provide("sqlFaultProxyOrigin", sqlFaultProxy.origin);
  const pushService = await startPushService();
  project.provide("pushServiceOrigin", pushService.origin);
  return async () => {
    await pushService.close();
    await sqlFaultProxy.close();
    await jwksServer.close();
    await stack.stop();
  };
}

// The provided keys are typed in worker/test/provided-context.d.ts.
import type {} from "../worker/test/provided-context.d.ts";
import type {} from "../worker/test/push-service-context.d.ts";
