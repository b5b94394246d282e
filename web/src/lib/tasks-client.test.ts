import { describe, expect, it } from "vitest";
import { SignedOutError } from "./access-token.ts";
import { ApiProblem } from "./tasks-client.ts";

describe("ApiProblem", () => {
  it("words a refused answer by its field errors, then its detail, else leaves the words to the caller", () => {
    const fields = ApiProblem.answered(422, {
      errors: [
        { pointer: "/title", detail: "One." },
        { pointer: "/tags", detail: "Two." },
      ],
      detail: "x",
    });
    expect(fields.message).toBe("One. Two.");
    expect(fields.status).toBe(422);
    expect(ApiProblem.answered(404, { detail: "Too late." }).message).toBe("Too late.");
    expect(ApiProblem.answered(502, null).message).toBe("");
    expect(ApiProblem.answered(502, "<html>").problem).toBeNull();
  });

  it("marks an ended session, and keeps the network's own words with status 0", () => {
    const ended = ApiProblem.unanswered(new SignedOutError("Your session has ended."));
    expect(ended).toMatchObject({ status: 0, signedOut: true, message: "Your session has ended." });
    const offline = ApiProblem.unanswered(new TypeError("Failed to fetch"));
    expect(offline).toMatchObject({ status: 0, signedOut: false, message: "Failed to fetch" });
    expect(offline.cause).toBeInstanceOf(TypeError);
  });
});
