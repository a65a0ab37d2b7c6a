import { createServer, Server } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the local mail catcher accepted, as a person would read it. */
export interface CaughtMail {
  id: number;
  receivedAt: string;
  from: string;
  /** Envelope recipients, as the dispatcher addressed them. */
  to: string[];
  subject: string;
  text: string;
  /** The notification the worker sent it for (its X-Notification-Key header). */
  notificationKey: string;
}

export interface RunningMailCatcher {
  smtpPort: number;
  /** The page listing the caught mail; `${url}/messages` is the same as JSON. */
  url: string;
  messages: CaughtMail[];
  stop(): Promise<void>;
}

/** The newest messages kept; older ones are forgotten (it is a demo sink, not a mailbox). */
const KEPT = 500;

/**
 * The demo's mail relay: an SMTP sink on loopback (the `smtp-server` package) that delivers
 * nothing onwards and keeps what it accepted, listed newest first on a small page, so the
 * demo's notification emails are delivered (not retried for hours against a closed port) and
 * can be read.
 */
export async function startMailCatcher(options: {
  smtpPort: number;
  httpPort: number;
}): Promise<RunningMailCatcher> {
  const messages: CaughtMail[] = [];
  let nextId = 1;
  const smtp = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust, no login.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const key = mail.headers.get('x-notification-key');
          messages.unshift({
            id: nextId++,
            receivedAt: new Date().toISOString(),
            from: mail.from?.text ?? '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            notificationKey: typeof key === 'string' ? key : '',
          });
          messages.splice(KEPT);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort, '127.0.0.1', () => resolve());
  });
  const http: Server = createServer((request, response) => {
    if (request.url === '/messages') {
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(messages));
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(page(messages));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.httpPort, '127.0.0.1', () => resolve());
  });
  return {
    smtpPort: options.smtpPort,
    url: `http://127.0.0.1:${options.httpPort}`,
    messages,
    stop: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** The five characters HTML gives meaning to; nothing else in a plain-text mail needs it. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function page(messages: CaughtMail[]): string {
  const items = messages
    .map(
      (mail) => `<article>
  <h2>${escapeHtml(mail.subject)}</h2>
  <p><small>${escapeHtml(mail.receivedAt)} · from ${escapeHtml(mail.from)} · to ${escapeHtml(mail.to.join(', '))}</small></p>
  <pre>${escapeHtml(mail.text)}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
<title>Demo mail (${messages.length})</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:auto}article{border-bottom:1px solid #ccc}pre{white-space:pre-wrap}</style>
</head><body>
<h1>Mail caught by the demo (${messages.length}, newest first)</h1>
<p>Nothing here left this machine. <a href="/messages">JSON</a></p>
${items || '<p>No mail yet.</p>'}
</body></html>`;
}
