import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateClientTypes, SCHEMA_PATH } from '../../scripts/api-client.mjs';

describe('the generated API client', () => {
  it('matches apps/api/openapi.json (run `npm run web:client` after `npm run openapi`)', async () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(await generateClientTypes());
    // Generating the types takes seconds on a busy machine: a limit, not a measured figure.
  }, 60_000);
});
