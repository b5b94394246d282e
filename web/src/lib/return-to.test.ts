import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to.ts";

// Covers 002 FR-007.
describe("safeReturnTo", () => {
  it("keeps a path on this site, with its query and hash", () => {
    expect(safeReturnTo("/tasks?view=done#t-1")).toBe("/tasks?view=done#t-1");
    expect(safeReturnTo("/")).toBe("/");
  });

  it("falls back without a value, or for anything not starting with one slash", () => {
    expect(safeReturnTo(null)).toBe("/tasks");
    expect(safeReturnTo("")).toBe("/tasks");
    expect(safeReturnTo("tasks")).toBe("/tasks");
    expect(safeReturnTo("https://evil.example/")).toBe("/tasks");
    expect(safeReturnTo("//evil.example/")).toBe("/tasks");
    expect(safeReturnTo("javascript:alert(1)")).toBe("/tasks");
  });

  // `returnTo=/%09/evil.example/phish` arrives decoded: browsers drop the TAB and go to //evil.example.
  it.each([
    ["TAB", "/\t/evil.example/phish"],
    ["LF", "/\n/evil.example"],
    ["CR", "/\r/evil.example"],
    ["NUL", "/\u0000/evil.example"],
    ["DEL", "/\u007f/evil.example"],
    ["a C1 control", "/\u0085/evil.example"],
    ["a backslash", "/\\evil.example"],
    ["a backslash later on", "/a/..\\..\\\\evil.example"],
  ])("refuses %s", (_, value) => {
    expect(safeReturnTo(value)).toBe("/tasks");
  });

  it("never lets dot segments climb to a protocol-relative path", () => {
    expect(safeReturnTo("/.//evil.example")).toBe("/tasks");
    expect(safeReturnTo("/a/..//evil.example")).toBe("/tasks");
  });

  it("returns only ASCII, so it is always a valid Location header", () => {
    const target = safeReturnTo("/tâches?q=été");
    expect(target).toBe("/t%C3%A2ches?q=%C3%A9t%C3%A9");
    expect(() => new Headers({ location: target })).not.toThrow();
  });

  it("uses the fallback it is given", () => {
    expect(safeReturnTo("//evil.example", "/")).toBe("/");
  });
});
