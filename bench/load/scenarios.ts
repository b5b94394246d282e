/**
 * The requests the load test sends: the three a person makes most (list,
 * create, toggle) and GET /health as the ceiling, a route with no auth and
 * no database.
 */
import type { RequestSpec } from "autocannon";
import type { BenchUser } from "../support/users.ts";

export interface Scenario {
  name: string;
  /** The status every response must have; anything else counts as an error. */
  expect: number;
  requests: RequestSpec[];
  /** Whether the route verifies a token and queries the database. */
  authenticated: boolean;
}

const bearer = (user: BenchUser) => ({ authorization: `Bearer ${user.token}` });

/**
 * @param reader owns exactly `taskIds` (50 tasks), so its list is always 50 rows; toggles flip them too.
 * @param writer receives the created tasks, so the reader's list does not grow.
 */
export function scenarios(reader: BenchUser, writer: BenchUser, taskIds: readonly string[]): Scenario[] {
  let next = 0;
  return [
    { name: "GET /health", expect: 200, authenticated: false, requests: [{ method: "GET", path: "/health" }] },
    {
      name: "GET tasks (50)",
      expect: 200,
      authenticated: true,
      requests: [{ method: "GET", path: `/api/${reader.id}/tasks?limit=50`, headers: bearer(reader) }],
    },
    {
      name: "POST task",
      expect: 201,
      authenticated: true,
      requests: [
        {
          method: "POST",
          path: `/api/${writer.id}/tasks`,
          headers: { ...bearer(writer), "content-type": "application/json" },
          body: JSON.stringify({ title: "Load-test task", priority: "medium", tags: ["bench"] }),
        },
      ],
    },
    {
      name: "PATCH complete",
      expect: 200,
      authenticated: true,
      requests: [
        {
          method: "PATCH",
          headers: bearer(reader),
          // No body: toggle. Round-robin over the 50 tasks so connections rarely wait on one row's lock.
          setupRequest: (request) => ({
            ...request,
            path: `/api/${reader.id}/tasks/${taskIds[next++ % taskIds.length]}/complete`,
          }),
        },
      ],
    },
  ];
}
