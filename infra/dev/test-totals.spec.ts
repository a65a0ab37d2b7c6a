import { addUp, closingLine } from './test-totals';

const counts = (passed: number, failed: number, pending: number, todo = 0) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: pending,
  numTodoTests: todo,
});

describe('the closing line of npm test', () => {
  it('adds up every run, skipped and todo together', () => {
    const totals = addUp([
      { name: 'unit', counts: counts(769, 0, 2) },
      { name: 'web', counts: counts(40, 0, 0, 1) },
      { name: 'integration', counts: counts(329, 1, 0) },
    ]);
    expect(totals).toMatchObject({ passed: 1138, failed: 1, skipped: 3 });
    expect(totals.runs.map((run) => run.name)).toEqual(['unit', 'web', 'integration']);
  });

  it('says it in the plain form, alone on its line', () => {
    expect(closingLine(addUp([{ name: 'unit', counts: counts(3, 0, 1) }]))).toBe(
      'tests: 3 passed, 0 failed, 1 skipped',
    );
  });
});
