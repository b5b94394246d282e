/** Limits on what a person types about themselves, shared by the forms and Better Auth's configuration. */
export { PASSWORD_MAX, PASSWORD_MIN } from "#api/client";
export const NAME_MAX = 100;
