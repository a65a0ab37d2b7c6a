import { isValidUscc, usccCheckCharacter } from './uscc.rules';

describe('isValidUscc', () => {
  it.each([
    ['a Fuzhou enterprise', '91350100M000100Y43'],
    ['a Beijing enterprise', '911100001000069788'],
    ['a letter check character', '91110000802100433B'],
    ['a Shenzhen enterprise', '91440300708461136T'],
    ['a Shanghai enterprise', '91310000775785552L'],
    ['check value 31 written as 0', '911101085513800180'],
  ])('accepts %s: %s', (_label, code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44'],
    ['a wrong letter check character', '91110000802100433C'],
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y430'],
    ['an empty string', ''],
    ['lowercase letters', '91350100m000100y43'],
    ['the forbidden letter I', '91350100I000100Y43'],
    ['the forbidden letter O', '91350100O000100Y43'],
    ['the forbidden letter Z', '91350100Z000100Y43'],
    ['the forbidden letter S', '91350100S000100Y43'],
    ['the forbidden letter V', '91350100V000100Y43'],
    ['surrounding spaces', ' 91350100M000100Y43 '],
    ['two digits swapped', '93150100M000100Y43'],
  ])('refuses %s: "%s"', (_label, code) => {
    expect(isValidUscc(code)).toBe(false);
  });
});

describe('usccCheckCharacter', () => {
  it.each([
    ['91350100M000100Y4', '3'],
    ['91110000100006978', '8'],
    ['91110000802100433', 'B'],
    ['91110108551380018', '0'],
    ['9135010', null],
    ['91350100m000100Y4', null],
  ])('%s → %s', (first17, expected) => {
    expect(usccCheckCharacter(first17)).toBe(expected);
  });
});
