import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients, as the dispatcher addressed them. */
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  notificationKey: string;
}

export interface SmtpTestServer {
  port: number;
  received: ReceivedMail[];
  /** Accepts connections on the port (again). */
  listen(): Promise<void>;
  /** Stops listening: the relay is down, connections are refused. */
  close(): Promise<void>;
  /** The next message to this address is refused with a temporary failure (451) after DATA. */
  refuseOnce(address: string): void;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps every message it
 * accepted, parsed, so a test can see what people would have received.
 */
export function smtpTestServer(port: number): SmtpTestServer {
  let server: SMTPServer | undefined;
  const refusals = new Set<string>();
  const received: ReceivedMail[] = [];

  const create = (): SMTPServer =>
    new SMTPServer({
      // Plain SMTP on loopback: no certificate to trust, no login.
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const refused = session.envelope.rcptTo.find((rcpt) => refusals.has(rcpt.address));
          if (refused) {
            refusals.delete(refused.address);
            callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
            return;
          }
          simpleParser(Buffer.concat(chunks))
            .then((mail) => {
              const key = mail.headers.get('x-notification-key');
              received.push({
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
                subject: mail.subject ?? '',
                text: mail.text ?? '',
                messageId: mail.messageId ?? '',
                notificationKey: typeof key === 'string' ? key : '',
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });

  return {
    port,
    received,
    listen: () =>
      new Promise((resolve, reject) => {
        server = create();
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server = undefined;
      }),
    refuseOnce: (address) => {
      refusals.add(address);
    },
  };
}
