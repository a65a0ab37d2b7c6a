import { InvalidConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(config.MENTOR_RANKING_MAX_CANDIDATES).toBe(10);
  });

  it('converts numeric strings', () => {
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['TEMPORAL_ADDRESS', 'no-port'],
    ['DATABASE_URL', 'mysql://x'],
    ['LOG_LEVEL', 'loud'],
    ['TEMPORAL_CALL_DEADLINE_MS', '5'],
    ['SESSION_TTL_MINUTES', '0'],
    ['API_TOKEN_DEFAULT_TTL_DAYS', '400'],
    ['MENTOR_RANKING_MAX_CANDIDATES', '0'],
  ])('refuses %s=%s naming the key', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(InvalidConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(`^[\\s\\S]*${key}=`));
  });

  it('names every bad key at once', () => {
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as InvalidConfigError).problems.map((p) => p.split('=')[0])).toEqual([
        'PORT',
        'LOG_LEVEL',
      ]);
    }
  });
});

describe('a config error never repeats a secret', () => {
  it.each([
    ['a malformed DATABASE_URL', { DATABASE_URL: 'postgres//app:s3cret-pw@127.0.0.1:5432/db' }],
    ['a wrong scheme', { DATABASE_OWNER_URL: 'mysql://owner:s3cret-pw@127.0.0.1/db' }],
  ])('%s names the key but hides the password', (_what, env) => {
    let message = '';
    try {
      loadConfig(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(Object.keys(env)[0]);
    expect(message).toContain(':***@');
    expect(message).not.toContain('s3cret-pw');
  });
});
