import { checkBasisPoints, checkFen, isNonNegativeSafeInteger } from './numbers.rules';

describe('money and shares', () => {
  it.each([
    [0, true],
    [12345, true],
    [Number.MAX_SAFE_INTEGER, true],
    [-1, false],
    [1.5, false],
    [Number.MAX_SAFE_INTEGER + 1, false],
    [Number.NaN, false],
    ['100', false],
  ])('isNonNegativeSafeInteger(%p) → %p', (value, expected) => {
    expect(isNonNegativeSafeInteger(value)).toBe(expected);
  });

  it.each([
    [0, 0],
    [100, 0],
    [-100, 1],
    [0.01, 1],
  ])('checkFen(%p) gives %i problem(s)', (value, count) => {
    expect(checkFen(value, 'amountFen')).toHaveLength(count);
  });

  it.each([
    [0, 0],
    [10000, 0],
    [10001, 1],
    [-1, 1],
    [33.3, 1],
  ])('checkBasisPoints(%p) gives %i problem(s)', (value, count) => {
    expect(checkBasisPoints(value, 'share')).toHaveLength(count);
  });
});
