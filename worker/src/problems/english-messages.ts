/**
 * zod/mini ships without a message table: every issue zod words itself (a
 * string too short, an unknown option, …) would read "Invalid input". This
 * loads zod's English table once, so the 422 details and configuration errors
 * say what classic zod said. Imported for its effect by the validation hook
 * and env.ts, the two places zod's messages reach anyone.
 */
import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

type ErrorMap = ReturnType<typeof en>["localeError"];
let english: ErrorMap | undefined;

// The table is built when zod first words an issue, not when the Worker loads (issue 14: startup).
config({
  localeError(issue) {
    english ??= en().localeError;
    return english(issue);
  },
});
