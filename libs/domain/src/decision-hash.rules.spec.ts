import { Actor } from './actor.types';
import {
  canonicalJson,
  decisionContentHash,
  DecisionRecord,
  judgeRepeat,
  sha256Hex,
} from './decision-hash.rules';
import { d, staff } from './testing/domain.fixtures';

describe('canonicalJson and sha256Hex', () => {
  it.each<[unknown, string]>([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: 1, x: [3, { d: 1, c: 2 }] } }, '{"z":{"x":[3,{"c":2,"d":1}],"y":1}}'],
    [{ a: undefined, b: 'é' }, '{"b":"é"}'],
    [[1.0, 1e21, -0], '[1,1e+21,0]'],
  ])('canonicalises %p', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('sha256Hex(%p)', (text, expected) => {
    expect(sha256Hex(text)).toBe(expected);
  });
});

describe('decisionContentHash', () => {
  const decision = d.company();
  const reordered = Object.fromEntries(Object.entries(decision).reverse());
  const actorReordered: Actor = { role: 'staff', userId: staff.userId };

  it('does not depend on key order', () => {
    expect(decisionContentHash('recordCompany', reordered, actorReordered)).toBe(
      decisionContentHash('recordCompany', decision, staff),
    );
  });

  it('is 64 lowercase hex digits', () => {
    expect(decisionContentHash('recordCompany', decision, staff)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, string, unknown, Actor]>([
    ['a different field value', 'recordCompany', { ...decision, jobsCreated: 13 }, staff],
    ['a different actor', 'recordCompany', decision, { userId: 'u-other', role: 'staff' }],
    ['a different type', 'amendCompany', decision, staff],
    ['an added comment', 'recordCompany', { ...decision, comment: 'x' }, staff],
  ])('changes with %s', (_label, type, changed, actor) => {
    expect(decisionContentHash(type, changed, actor)).not.toBe(
      decisionContentHash('recordCompany', decision, staff),
    );
  });
});

describe('judgeRepeat', () => {
  const record: DecisionRecord = {
    hash: 'h1',
    result: {
      decisionId: 'dec-1',
      type: 'approvePlan',
      accepted: true,
      stage: 'INVESTOR_CONTACT',
      status: 'ACTIVE',
      version: 7,
    },
  };
  const records: Record<string, DecisionRecord> = { 'dec-1': record };

  it.each([
    ['dec-2', 'h1', 'new'],
    ['dec-1', 'h1', 'repeat'],
    ['dec-1', 'h2', 'conflict'],
    ['toString', 'h1', 'new'],
    ['__proto__', 'h1', 'new'],
  ])('%s with %s → %s', (decisionId, hash, expected) => {
    expect(judgeRepeat(records, decisionId, hash)).toBe(expected);
  });
});
