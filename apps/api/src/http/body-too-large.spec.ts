import { HttpException, PayloadTooLargeException } from '@nestjs/common';
import { bodyTooLargeAnswer, describeBytes } from './body-too-large';

describe('bodyTooLargeAnswer', () => {
  const route = { routeOptions: { bodyLimit: 100_000 } };

  it.each([
    [
      'Fastify’s own error',
      Object.assign(new Error('Request body is too large'), {
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
        statusCode: 413,
      }),
    ],
    ['the HttpException Nest makes of it', new HttpException('Request body is too large', 413)],
  ])('names the route’s limit in bytes for %s', (_what, exception) => {
    expect(bodyTooLargeAnswer(exception, route)).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'the body is larger than the limit of 100000 bytes (97.7 KB)',
      rule: 'body-size-limit',
      limitBytes: 100_000,
    });
  });

  it('leaves a 413 that already names its rule (an upload) and other errors alone', () => {
    const upload = new PayloadTooLargeException({ message: 'x', rule: 'document-size-limit' });
    expect(bodyTooLargeAnswer(upload, route)).toBeUndefined();
    expect(bodyTooLargeAnswer(new HttpException('nope', 400), route)).toBeUndefined();
    expect(bodyTooLargeAnswer(new Error('boom'), route)).toBeUndefined();
  });

  it.each([
    [50 * 1024 * 1024, '50 MB'],
    [256 * 1024, '256 KB'],
    [150_000, '146.5 KB'],
  ])('describes %i bytes as %s', (bytes, text) => {
    expect(describeBytes(bytes)).toBe(text);
  });
});
