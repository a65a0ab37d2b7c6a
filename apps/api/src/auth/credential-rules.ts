/** What a user name and a password must look like, shared by the API's DTOs and the CLI. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const USERNAME_RULE =
  'username must be 3-64 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter or digit';
export const USERNAME_MAX_LENGTH = 64;

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 takes any length; the cap keeps a request from buying seconds of hashing. */
export const PASSWORD_MAX_LENGTH = 200;

export const DISPLAY_NAME_MAX_LENGTH = 100;
