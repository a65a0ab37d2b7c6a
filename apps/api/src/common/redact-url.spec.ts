import { loggerOptions } from './logger.options';
import { redactUrl } from './redact-url';
import { AppConfig } from '@app/config';

describe('query strings in the logs', () => {
  it('keeps the path and the names, never the values', () => {
    expect(redactUrl('/projects?access_token=secret-token&college=Physics')).toBe(
      '/projects?access_token=[redacted]&college=[redacted]',
    );
    expect(redactUrl('/me')).toBe('/me');
    expect(redactUrl('/a?flag#frag')).toBe('/a?flag=[redacted]');
  });

  it('is how the request logger writes a request', () => {
    const serializers = (
      loggerOptions(new AppConfig()).pinoHttp as {
        serializers: Record<string, (v: unknown) => unknown>;
      }
    ).serializers;
    const logged = serializers.req({
      method: 'GET',
      url: '/projects?access_token=secret-token',
      query: { access_token: 'secret-token' },
      headers: {},
    });
    expect(JSON.stringify(logged)).not.toContain('secret-token');
    expect(logged).toEqual(expect.objectContaining({ url: '/projects?access_token=[redacted]' }));
  });
});
