/**
 * Row-level security as a second layer (ADR 0007): the API's database, bound
 * to one user, hides every other user's rows even from a statement that
 * forgets its `user_id` filter, on PGlite and on PostgreSQL alike, and it
 * still costs one round trip per request.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { idempotencyKeys, tasks } from "../../../db/schema/tasks.ts";
import { connectingRole } from "../../test/database.ts";
import {
  bearer,
  bodyOf,
  countedBindings,
  jsonBody,
  request,
  signUpUser,
  type TestUser,
  tasksOf,
  testBindings,
} from "../../test/harness.ts";
import { configFor } from "../env.ts";
import { databaseFor } from "./client.ts";

async function createTask(user: TestUser, title: string, key?: string) {
  const header = key ? { "idempotency-key": key } : {};
  return bodyOf(await tasksOf(user).$post({ param: { userId: user.id }, header, json: { title } }), 201);
}

async function twoUsersWithTasks() {
  const [alice, bob] = await Promise.all([signUpUser("Alice"), signUpUser("Bob")]);
  await createTask(alice, "Alice's task", `alice-${crypto.randomUUID()}`);
  await createTask(bob, "Bob's task", `bob-${crypto.randomUUID()}`);
  return { alice, bob };
}

/** The SQLSTATE of a driver error, however deep drizzle wrapped it. */
function sqlState(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string") return code;
    current = cause;
  }
  return undefined;
}

// Covers 001 FR-066.
describe("row-level security", () => {
  it("shows a query without its user_id filter only the caller's tasks and keys", async () => {
    const { alice, bob } = await twoUsersWithTasks();
    const db = databaseFor(configFor(testBindings()), alice.id);

    // Deliberately unscoped: no WHERE user_id = … at all.
    const [allTasks, allKeys] = await db.batch([db.select().from(tasks), db.select().from(idempotencyKeys)]);
    expect(allTasks.map((row) => row.userId)).toEqual([alice.id]);
    expect(allKeys.map((row) => row.userId)).toEqual([alice.id]);

    // A single statement is scoped the same way, and asking for Bob's rows by name finds nothing.
    expect((await db.select().from(tasks)).map((row) => row.title)).toEqual(["Alice's task"]);
    expect(await db.select().from(tasks).where(eq(tasks.userId, bob.id))).toEqual([]);
  });

  it("lets an unfiltered write touch only the caller's rows, and refuses a row for someone else", async () => {
    const { alice, bob } = await twoUsersWithTasks();
    const db = databaseFor(configFor(testBindings()), alice.id);

    const changed = await db.update(tasks).set({ title: "Renamed" }).returning();
    expect(changed.map((row) => row.userId)).toEqual([alice.id]);
    const deleted = await db.delete(idempotencyKeys).returning();
    expect(deleted.map((row) => row.userId)).toEqual([alice.id]);

    const forged = await db
      .insert(tasks)
      .values({ id: crypto.randomUUID(), userId: bob.id, title: "Planted" })
      .then(
        () => "inserted",
        (error: unknown) => sqlState(error),
      );
    expect(forged).toBe("42501"); // insufficient_privilege: the policy's WITH CHECK

    const bobs = databaseFor(configFor(testBindings()), bob.id);
    expect((await bobs.select().from(tasks)).map((row) => row.title)).toEqual(["Bob's task"]);
  });

  it("binds the switched role; the connecting role (a superuser here, like Neon's owner) would bypass it", async () => {
    const { alice, bob } = await twoUsersWithTasks();
    const sql = connectingRole();
    // Here the connecting role is a superuser, as Neon's owner role has BYPASSRLS: it sees everyone.
    const seen = await sql.query("select user_id from tasks where user_id = any($1)", [[alice.id, bob.id]]);
    expect(new Set(seen.map((row) => row.user_id))).toEqual(new Set([alice.id, bob.id]));

    // The switched role with no user set sees nothing: an unset or reset app.user_id ('') matches no row.
    const [, rows] = await sql.transaction([
      sql.query("set local role todo_api_user"),
      sql.query("select user_id from tasks where user_id = any($1)", [[alice.id, bob.id]]),
    ]);
    expect(rows).toEqual([]);
  });

  it("adds the user scope inside each request's single round trip", async () => {
    const user = await signUpUser();
    const { bindings, roundTrips } = countedBindings();
    const before = await roundTrips();
    const created = await request(`/api/${user.id}/tasks`, bearer(user, jsonBody({ title: "Counted" })), bindings);
    expect(created.status).toBe(201);
    const listed = await request(`/api/${user.id}/tasks`, bearer(user), bindings);
    expect(listed.status).toBe(200);
    expect(await roundTrips()).toBe(before + 2);
  });
});
