/** Limits on what a person types about themselves, shared by the forms and Better Auth's configuration. */
export const NAME_MAX = 100;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
