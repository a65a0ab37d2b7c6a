import { withoutSqlParameters } from './log-redaction';

class QueryFailedError extends Error {
  query = 'INSERT INTO audit_log (comment, user_id) VALUES ($1, $2)';
  parameters = ['a private comment', '0b1a0000-0000-4000-8000-00000000000a'];
  driverError = { detail: 'Key (user_id)=(0b1a0000-…) is not present' };
}

describe("the worker's error logs", () => {
  it('keep what an error says, never its SQL or parameters', () => {
    const error = new QueryFailedError('insert or update violates a foreign key');
    const cleaned = withoutSqlParameters({
      activityType: 'recordTransition',
      error: { wrapped: error },
    });
    const text = JSON.stringify(cleaned);
    expect(text).toContain('violates a foreign key');
    expect(text).toContain('recordTransition');
    expect(text).not.toContain('a private comment');
    expect(text).not.toContain('0b1a0000');
    expect(text).not.toContain('INSERT INTO');
  });
});
