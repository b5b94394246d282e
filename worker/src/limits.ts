/**
 * The limits the API enforces that the site repeats in its forms (maxLength,
 * password rules, how long a token lives), as plain constants: no zod, so the
 * browser can import them through `#api/client` without the schemas.
 */

/** A task's title, in characters. */
export const TITLE_MAX = 200;
/** A task's description, in characters. */
export const DESCRIPTION_MAX = 1000;
/** One tag, in characters. */
export const TAG_MAX = 32;
/** Tags on one task. */
export const TAGS_MAX = 10;
/** The list's search text, in characters. */
export const SEARCH_MAX = 200;
/** A password, in characters (Better Auth's sign-up, reset and change). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** How long an access token lives, in jose's and Better Auth's notation… */
export const ACCESS_TOKEN_LIFETIME = "15m";
/** …and in seconds. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60;
