import { generatePayloadKey } from '@app/config';

/**
 * `npm run codec:keygen`: a new AES-256 key entry for TEMPORAL_PAYLOAD_KEYS (`id:base64`). The
 * entry goes on stdout alone, so `npm run --silent codec:keygen >> keyfile` keeps only it; how to
 * rotate goes on stderr.
 */
const entry = generatePayloadKey();
console.error(
  `key id ${entry.slice(0, entry.indexOf(':'))}: append it to TEMPORAL_PAYLOAD_KEYS (comma-separated, ` +
    'newest last) on every API and worker; keep the older keys as long as any history or archived run uses them',
);
console.log(entry);
