// The typed API client's types, generated from the committed OpenAPI document. `npm run
// web:client` (and so `npm run build`) writes them; the drift test (src/api/schema-drift.test.ts)
// generates them again and compares, so the client can never fall behind apps/api/openapi.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

export const SPEC_PATH = fileURLToPath(new URL('../../api/openapi.json', import.meta.url));
export const SCHEMA_PATH = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));

export async function generateClientTypes() {
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8'));
  return COMMENT_HEADER + astToString(await openapiTS(spec));
}

// Not kept in git: the build writes it, and `--if-missing` (before lint, typecheck and the web
// tests) writes it only in a clone that has not built yet, so the drift test still catches a
// file older than the document.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!(process.argv.includes('--if-missing') && existsSync(SCHEMA_PATH))) {
    writeFileSync(SCHEMA_PATH, await generateClientTypes());
    console.log(`wrote ${SCHEMA_PATH}`);
  }
}
