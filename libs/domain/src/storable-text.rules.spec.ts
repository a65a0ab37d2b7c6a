import { validateDecisionShape } from './decision-shape.rules';
import { judgeDecision } from './judge-decision.rules';
import {
  checkStorableText,
  isStorableText,
  replaceUnstorable,
  unstorableTextPaths,
} from './storable-text.rules';
import { d, initialState, staff } from './testing/domain.fixtures';

describe('storable text', () => {
  it.each([
    ['plain text', 'Orchard lidar', true],
    ['Chinese and an emoji (a surrogate pair)', '智能农业 🍎', true],
    ['U+FFFD itself', 'a\uFFFDb', true],
    ['NUL', 'a\u0000b', false],
    ['a lone high surrogate', 'a\uD83Db', false],
    ['a lone low surrogate', 'a\uDC00b', false],
    ['a high surrogate at the end', 'ab\uD83D', false],
    ['a low surrogate before a high one', '\uDC00\uD800', false],
  ])('%s is storable: %s', (_what, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });

  it('replaces each unstorable character by U+FFFD and keeps pairs whole', () => {
    expect(replaceUnstorable('a\u0000b\uD800c🍎\uDC00')).toBe('a\uFFFDb\uFFFDc🍎\uFFFD');
  });

  it('names the path of every unstorable string and key', () => {
    expect(
      unstorableTextPaths({
        title: 'ok',
        teamMembers: [{ name: 'ok' }, { name: 'Li\u0000' }],
        ['bad\uD800key']: 1,
        nested: { deep: ['x', '\uDC00'] },
      }),
    ).toEqual(['teamMembers[1].name', 'bad\uFFFDkey', 'nested.deep[1]']);
    expect(checkStorableText('a\u0000', 'comment')).toEqual([
      expect.objectContaining({ kind: 'RuleRefused', rule: 'storable-text', field: 'comment' }),
    ]);
  });

  it('refuses a decision holding one, in the shape rules the Update validator runs', () => {
    const decision = { type: 'screenApplication', outcome: 'reject', comment: 'No\u0000' };
    expect(validateDecisionShape(decision)).toEqual([
      expect.objectContaining({ rule: 'storable-text', field: 'comment' }),
    ]);
    expect(judgeDecision(initialState(), staff, decision as never)).toMatchObject({
      rule: 'storable-text',
      field: 'comment',
    });
  });

  it('judges as before when asked to (histories from before the rule replay unchanged)', () => {
    const decision = { ...d.accept, comment: 'Welcome\u0000' };
    expect(validateDecisionShape(decision, { storableText: false })).toEqual([]);
    expect(judgeDecision(initialState(), staff, decision, { storableText: false })).toBeNull();
  });
});
