import { InvalidConfigError, loadConfig } from './app-config';

describe('the worker sized with its database pool', () => {
  it('defaults to activities that leave two pooled connections for the background loops', () => {
    const config = loadConfig({});
    expect(
      config.WORKER_MAX_CONCURRENT_ACTIVITIES + config.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES + 2,
    ).toBeLessThanOrEqual(config.DATABASE_POOL_SIZE);
  });

  it.each([
    [{ WORKER_MAX_CONCURRENT_ACTIVITIES: '9' }, /WORKER_MAX_CONCURRENT_ACTIVITIES="9"/],
    [{ WORKER_MAX_CONCURRENT_ACTIVITIES: '7' }, /WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES="2"/],
    [{ WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '3' }, /WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES="3"/],
    [{ WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '0' }, /WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES/],
    [{ DATABASE_POOL_SIZE: '4' }, /must leave two of DATABASE_POOL_SIZE \(4\)/],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '30000' }, /DATABASE_STATEMENT_TIMEOUT_MS/],
    [{ AUDIT_LOCK_TIMEOUT_MS: '45000' }, /AUDIT_LOCK_TIMEOUT_MS/],
    [{ DATABASE_ACQUIRE_TIMEOUT_MS: '30000' }, /DATABASE_ACQUIRE_TIMEOUT_MS/],
  ])('refuses %o at boot, naming the key', (env, named) => {
    expect(() => loadConfig(env)).toThrow(InvalidConfigError);
    expect(() => loadConfig(env)).toThrow(named);
  });

  it('accepts a bigger pool with more activities', () => {
    const config = loadConfig({
      DATABASE_POOL_SIZE: '40',
      WORKER_MAX_CONCURRENT_ACTIVITIES: '30',
      WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '8',
    });
    expect(config.WORKER_MAX_CONCURRENT_ACTIVITIES).toBe(30);
    expect(config.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES).toBe(8);
  });
});
