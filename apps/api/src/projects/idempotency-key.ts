/** A submission's Idempotency-Key: 1–100 letters, digits and . _ : - (also in the OpenAPI doc). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
