/**
 * A local stand-in of Twilio's Messages API on 127.0.0.1, with its request
 * and response shapes: POST /2010-04-01/Accounts/{AccountSid}/Messages.json,
 * form-encoded, basic auth; 201 with the message resource; errors as
 * { code, message, more_info, status }. It keeps what it "delivered", can
 * be told to fail the next requests (429 with Retry-After, 5xx, a 500 after
 * delivering, as when the answer is lost), and drops a repeat carrying an
 * I-Twilio-Idempotency-Token it already delivered.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivered {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  token?: string;
}

export interface Failure {
  status: 429 | 500 | 502 | 503;
  retryAfter?: string;
  /** Deliver the message, then answer the error anyway (the answer is "lost"). */
  afterDelivery?: boolean;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function error(status: number, code: number, message: string) {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export class TwilioStandIn {
  readonly delivered: Delivered[] = [];
  /** Every request received, delivered or not. */
  requests = 0;
  private readonly failures: Failure[] = [];
  private readonly byToken = new Map<string, Delivered>();
  private server?: Server;
  url = '';

  constructor(
    readonly accountSid = `AC${randomBytes(16).toString('hex')}`,
    readonly authToken = randomBytes(16).toString('hex'),
  ) {}

  failNext(...failures: Failure[]): void {
    this.failures.push(...failures);
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, body, headers }) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    this.requests += 1;
    const text = await readBody(request);
    if (request.method !== 'POST' || request.url !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) {
      return error(404, 20404, 'The requested resource was not found');
    }
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    if (request.headers.authorization !== expected) return error(401, 20003, 'Authenticate');
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return error(400, 20001, 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(text);
    const to = form.get('To') ?? '';
    const from = form.get('From') ?? undefined;
    const messagingServiceSid = form.get('MessagingServiceSid') ?? undefined;
    const body = form.get('Body') ?? '';
    if (!E164.test(to)) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from && !messagingServiceSid)
      return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
    if (!body) return error(400, 21602, 'Message body is required.');

    const token =
      typeof request.headers['i-twilio-idempotency-token'] === 'string' ? request.headers['i-twilio-idempotency-token'] : undefined;
    const repeat = token ? this.byToken.get(token) : undefined;
    const failure = this.failures.shift();
    if (failure && !failure.afterDelivery) {
      const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {};
      return failure.status === 429
        ? { ...error(429, 20429, 'Too Many Requests'), headers }
        : { ...error(failure.status, 20500, 'Internal Server Error'), headers };
    }
    const message = repeat ?? { sid: `SM${randomBytes(16).toString('hex')}`, to, from, messagingServiceSid, body, token };
    if (!repeat) {
      this.delivered.push(message);
      if (token) this.byToken.set(token, message);
    }
    if (failure?.afterDelivery) return error(failure.status, 20500, 'Internal Server Error');
    return {
      status: 201,
      body: {
        sid: message.sid,
        account_sid: this.accountSid,
        to: message.to,
        from: message.from ?? null,
        messaging_service_sid: message.messagingServiceSid ?? null,
        body: message.body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        error_code: null,
        error_message: null,
        uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${message.sid}.json`,
      },
    };
  }
}
