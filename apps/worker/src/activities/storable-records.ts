import { Injectable } from '@nestjs/common';
import { replaceUnstorable, unstorableTextPaths } from '@app/domain';
import type { TransitionRecord } from '@app/workflows/activities.types';

/** Where the audit payload lists what `storable()` replaced, e.g. `audit.payload.decision.comment`. */
export const REPLACED_PATHS_KEY = 'unstorableTextReplaced';

function replaced<T>(value: T): T {
  if (typeof value === 'string') return replaceUnstorable(value) as T;
  if (Array.isArray(value)) return value.map(replaced) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [replaceUnstorable(key), replaced(item)]),
    ) as T;
  }
  return value;
}

/**
 * A transition as PostgreSQL can store it: U+0000 and lone surrogates (which jsonb and text
 * refuse, failing the activity on every retry) become U+FFFD, and the audit entry's payload
 * lists the paths replaced. Applied before the canonical text is built, so the stored columns,
 * the canonical text and the verifier agree. Histories written before the edge refused such
 * characters still hold them; this is what lets those projects record again.
 */
export function storable(record: TransitionRecord): TransitionRecord {
  const paths = unstorableTextPaths(record, '');
  if (paths.length === 0) return record;
  const clean = replaced(record);
  return {
    ...clean,
    audit: { ...clean.audit, payload: { ...clean.audit.payload, [REPLACED_PATHS_KEY]: paths } },
  };
}

/**
 * `storable()` as a provider: the recording activity calls it in one place, and the recovery
 * test overrides it (switched off until attempts have failed) to reproduce a stuck project.
 */
@Injectable()
export class StorableRecords {
  storable(record: TransitionRecord): TransitionRecord {
    return storable(record);
  }
}
