/**
 * Many writers on one task at the same instant. With If-Match, each round of
 * concurrent writers based on the same version must have exactly one winner
 * and the rest 412, and the task must end up as the winners' changes applied
 * in order: none lost, none applied twice. Without If-Match, every toggle
 * must land.
 */
import { describe, expect, it } from "vitest";
import { bearer, bodyOf, createTask, jsonBody, request, signUpUser, type Task, taskOf } from "../../test/harness.ts";

const ROUNDS = 10;
const WRITERS = 8;

/** A writer's change, and what it does to the task when it wins. */
interface Write {
  init: (ifMatch: string) => RequestInit;
  suffix: string;
  apply: (task: Pick<Task, "title" | "completed">) => Pick<Task, "title" | "completed">;
}

function writerFor(round: number, writer: number): Write {
  if (writer % 2 === 0) {
    const title = `round ${round} writer ${writer}`;
    const completed = writer % 4 === 0;
    return {
      suffix: "",
      init: (ifMatch) => jsonBody({ title, completed }, { method: "PUT", headers: { "if-match": ifMatch } }),
      apply: () => ({ title, completed }),
    };
  }
  return {
    suffix: "/complete",
    init: (ifMatch) => ({ method: "PATCH", headers: { "if-match": ifMatch } }),
    apply: (task) => ({ ...task, completed: !task.completed }),
  };
}

describe("contended writes", () => {
  // Covers 001 FR-037.
  it(`lets exactly one of ${WRITERS} concurrent PUTs and PATCHes with the same If-Match win, round after round`, async () => {
    const user = await signUpUser();
    const { id } = await createTask(user, { title: "Contended" });
    // The contending writes stay raw: half are empty PATCHes (toggles), which the typed client cannot send.
    const path = `/api/${user.id}/tasks/${id}`;
    let expected = { title: "Contended", completed: false };

    for (let round = 0; round < ROUNDS; round++) {
      const version = round + 1;
      const writes = Array.from({ length: WRITERS }, (_, writer) => writerFor(round, writer));
      const responses = await Promise.all(
        writes.map((write) => request(`${path}${write.suffix}`, bearer(user, write.init(`"${version}"`)))),
      );
      const statuses = responses.map((response) => response.status);
      expect(
        statuses.filter((status) => status === 200),
        `round ${round}: ${statuses}`,
      ).toHaveLength(1);
      expect(statuses.filter((status) => status === 412)).toHaveLength(WRITERS - 1);
      for (const loser of responses.filter((response) => response.status === 412)) {
        expect(loser.headers.get("etag")).toBe(`"${version + 1}"`);
      }
      const winner = statuses.indexOf(200);
      expected = (writes[winner] as Write).apply(expected);
      expect(await (responses[winner] as Response).json()).toMatchObject({ ...expected, version: version + 1 });
    }

    const { routes, param } = taskOf(user, id);
    const final = await routes.$get({ param });
    expect(final.headers.get("etag")).toBe(`"${ROUNDS + 1}"`);
    expect(await bodyOf(final, 200)).toMatchObject({ ...expected, version: ROUNDS + 1 });
  });

  // Covers 001 FR-048.
  it("applies every one of many concurrent toggles without If-Match", async () => {
    const user = await signUpUser();
    const { id } = await createTask(user, { title: "Flipped" });
    const toggles = 25;
    const responses = await Promise.all(
      Array.from({ length: toggles }, () =>
        request(`/api/${user.id}/tasks/${id}/complete`, bearer(user, { method: "PATCH" })),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(toggles).fill(200));
    // Each saw a distinct version: the database serialised them, so none read a stale row.
    const versions = await Promise.all(responses.map(async (r) => ((await r.json()) as Task).version));
    expect(versions.sort((a, b) => a - b)).toEqual(Array.from({ length: toggles }, (_, n) => n + 2));
    const { routes, param } = taskOf(user, id);
    const final = await bodyOf(await routes.$get({ param }), 200);
    expect(final).toMatchObject({ completed: toggles % 2 === 1, version: toggles + 1 });
  });
});
