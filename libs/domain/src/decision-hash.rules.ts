import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalize } from 'json-canonicalize';
import { Actor } from './actor.types';
import { DecisionResult } from './project-state.types';
import { Refusal } from './refusal.types';

/**
 * RFC 8785 canonical JSON: keys sorted, numbers and strings in one spelling, undefined properties
 * dropped. The same value always gives the same text, whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** Identifies a decision's content, to tell a repeated decisionId from a reused one. */
export function decisionContentHash(type: string, decision: unknown, actor: Actor): string {
  return sha256Hex(canonicalJson({ type, decision, actor }));
}

/**
 * What is kept per accepted decision, in the workflow and in its audit row: its result, or the
 * refusal of a rule judged after acceptance (a mentor's capacity, checked by an activity), which
 * the same decisionId then gets again.
 */
export type DecisionRecord =
  | { hash: string; result: DecisionResult; refusal?: undefined }
  | { hash: string; refusal: Refusal; result?: undefined };

export type RepeatVerdict = 'new' | 'repeat' | 'conflict';

/**
 * `repeat`: the same decision again, answer with the first result and change nothing.
 * `conflict`: the decisionId was used for different content (422).
 */
export function judgeRepeat(
  records: Readonly<Record<string, DecisionRecord>>,
  decisionId: string,
  hash: string,
): RepeatVerdict {
  if (!Object.prototype.hasOwnProperty.call(records, decisionId)) return 'new';
  return records[decisionId].hash === hash ? 'repeat' : 'conflict';
}
