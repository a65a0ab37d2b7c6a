import type { Socket } from 'node:net';

interface ParserError extends Error {
  code?: string;
  /** Node hands the bytes it read as a Buffer (Fastify's type says otherwise). */
  rawPacket?: unknown;
}

/** The header whose line holds a control character (NUL included), read from the raw bytes. */
function badHeaderName(rawPacket: unknown): string | undefined {
  if (!Buffer.isBuffer(rawPacket)) return undefined;
  const lines = rawPacket.toString('latin1').split('\r\n').slice(1);
  // eslint-disable-next-line no-control-regex
  const line = lines.find((text) => /[\x00-\x08\x0A-\x1F\x7F]/.test(text));
  const name = line?.split(':')[0]?.trim();
  return name && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) ? name : undefined;
}

function answer(socket: Socket, status: string, body?: object): void {
  const text = body ? JSON.stringify(body) : '';
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\n` +
      (body ? 'Content-Type: application/json; charset=utf-8\r\n' : '') +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

/**
 * Node's HTTP parser refuses a header holding NUL before the app sees the request, with a bare
 * 400. This answers that 400 the way the API answers every other bad field: in JSON, naming
 * the header. Other parser errors keep Node's own status codes.
 */
export function answerClientError(error: ParserError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return answer(socket, '431 Request Header Fields Too Large');
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return answer(socket, '408 Request Timeout');
  const header =
    error.code === 'HPE_INVALID_HEADER_TOKEN' ? badHeaderName(error.rawPacket) : undefined;
  if (!header) return answer(socket, '400 Bad Request');
  const message = `${header} must not contain NUL or other control characters`;
  answer(socket, '400 Bad Request', {
    statusCode: 400,
    error: 'Bad Request',
    message,
    field: header,
    rule: 'storable-text',
    problems: [{ field: header, rules: [message] }],
  });
}
