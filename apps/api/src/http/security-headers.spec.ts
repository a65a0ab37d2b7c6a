import helmet from 'helmet';
import { SECURITY_HEADER_OPTIONS, securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it('is exactly the set helmet sets on a response, computed once', () => {
    const seen = new Map<string, string>();
    const removed: string[] = [];
    helmet(SECURITY_HEADER_OPTIONS)(
      {} as never,
      {
        setHeader: (name: string, value: string) => seen.set(name, String(value)),
        removeHeader: (name: string) => removed.push(name),
      } as never,
      () => undefined,
    );
    const computed = securityHeaders();
    expect(new Map(computed.set)).toEqual(seen);
    expect(computed.removed).toEqual(removed);
  });

  it('holds the CSP, framing and referrer rules and no HSTS', () => {
    const headers = new Map(
      securityHeaders().set.map(([name, value]) => [name.toLowerCase(), value]),
    );
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.has('strict-transport-security')).toBe(false);
    expect(securityHeaders().removed).toContain('X-Powered-By');
  });
});
