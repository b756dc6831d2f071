/**
 * The attacks of the security review, replayed on the bot as an operator
 * runs it (`node dist/src/index.js`, development, embedded store, local
 * Direct Line), with its own temp folder so that any file it writes there
 * is seen. After each attack the process must still be alive and answer;
 * at the end, everything it wrote (stdout and stderr) is scanned for the
 * tokens, texts, phone numbers, birth dates and carnet numbers the attacks
 * carried.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sinon from 'sinon';
import { WebSocket } from 'ws';
import { type BotProcess, freePort, readyWithin, runBot } from '../support/botProcess';
import { startBot } from '../support/botServer';
import { fingerprint } from '../support/dataFiles';
import { rawRequest } from '../support/rawRequest';
import { birthDates, voucherBookNumbers, describeFindings, messageTexts, phoneNumbers, secrets } from './logLeaks';
import { MARTINE } from '../support/personas';

const PERSONAL_TEXT = `ma date de naissance ${MARTINE.birth} ${MARTINE.voucherBookNumber}, mon numéro ${MARTINE.phoneSpoken}`;
const BEARER_SECRET = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LWJlYXJlci10b2tlbg.c2lnbmF0dXJlLXNlY3JldA';

/** A multipart/form-data upload of `bytes` bytes, as `curl -F file=@…` sends it. */
function multipart(bytes: number): { body: Buffer; type: string } {
  const boundary = '----sec-http-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="5mb.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.alloc(bytes, 0x41),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

const nested = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

describe('attacks on the running bot process (development, local Direct Line)', function () {
  this.timeout(240_000);
  let bot: BotProcess;
  let base: string;
  let temp: string;
  let dataDir: string;
  const tokensSeen = new Set<string>();
  const textsSent = new Set<string>([PERSONAL_TEXT]);

  before(async () => {
    temp = mkdtempSync(join(tmpdir(), 'attack-tmp-'));
    dataDir = mkdtempSync(join(tmpdir(), 'attack-data-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    bot = runBot({ PORT: String(port), DATA_DIR: dataDir, TMPDIR: temp, LOG_LEVEL: 'trace' });
    assert.ok((await readyWithin(base, 120_000)) !== undefined, `not ready:\n${bot.output()}`);
  });
  after(() => {
    if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
    rmSync(temp, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') return;
    assert.equal(bot.child.exitCode, null, `the process ended:\n${bot.output().slice(-3000)}`);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  async function startConversation() {
    const token = JSON.parse((await rawRequest(`${base}/api/directline/token`)).body) as { token: string };
    tokensSeen.add(token.token);
    const started = await rawRequest(`${base}/v3/directline/conversations`, { headers: { authorization: `Bearer ${token.token}` } });
    const conversation = JSON.parse(started.body) as { conversationId: string; token: string; streamUrl: string };
    return conversation;
  }
  const activities = (c: { conversationId: string }) => `${base}/v3/directline/conversations/${c.conversationId}/activities`;

  it('multipart, form and text bodies to every POST route: 4xx, nothing read to the temp folder, data files unchanged', async () => {
    const c = await startConversation();
    const routes = [
      '/api/messages',
      '/api/directline/token',
      '/v3/directline/conversations',
      `/v3/directline/conversations/${c.conversationId}/activities`,
      '/v3/directline/tokens/refresh',
      `/v3/conversations/${c.conversationId}/activities`,
      `/v3/conversations/${c.conversationId}/activities/x`,
      '/api/try/outbox',
    ];
    const upload = multipart(5 * 1024 * 1024);
    const before = await fingerprint(dataDir);
    for (const route of routes) {
      for (const [type, body] of [
        [upload.type, upload.body],
        ['application/x-www-form-urlencoded', 'type=message&text=bonjour'],
        ['text/plain', '{"type":"message"}'],
        ['application/octet-stream', Buffer.alloc(1024)],
      ] as const) {
        // Keep-alive, as curl and browsers send it: the server then reads the refused upload to its end before the
        // client sees the 415, instead of closing while 5 MB are still on their way (EPIPE, on a busy machine).
        const answer = await rawRequest(`${base}${route}`, {
          headers: {
            'content-type': type,
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${c.token}`,
            connection: 'keep-alive',
          },
          body,
        }).catch((error: Error) => ({ status: -1, body: String(error), headers: {} }));
        assert.ok(answer.status === 415, `${route} ${type.split(';')[0]} → ${answer.status} ${answer.body.slice(0, 100)}`);
      }
    }
    assert.deepEqual(readdirSync(temp), [], 'files were written to the temp folder');
    assert.deepEqual(await fingerprint(dataDir), before, 'a refused request changed the data files');
  });

  it('channelData nested 20,000 levels on the local Direct Line: 400, and the conversation, its polling and its stream still work', async () => {
    const c = await startConversation();
    const deep = `{"type":"message","text":${JSON.stringify(PERSONAL_TEXT)},"from":{"id":"u"},"channelData":${nested(20_000)}}`;
    const posted = await rawRequest(activities(c), {
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: deep,
    });
    assert.equal(posted.status, 400);
    const polled = await rawRequest(activities(c), { method: 'GET', headers: { authorization: `Bearer ${c.token}` } });
    assert.equal(polled.status, 200);
    const frame = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(c.streamUrl);
      ws.once('message', (data) => {
        resolve(String(data));
        ws.close();
      });
      ws.once('error', reject);
    });
    assert.match(frame, /"activities":\[/);
  });

  it('an expectReplies activity whose sender is nested 5,000 levels, with a bearer token and personal text: 400', async () => {
    const body = `{"type":"message","text":${JSON.stringify(PERSONAL_TEXT)},"channelId":"sms","conversation":{"id":"deep-from"},"deliveryMode":"expectReplies","from":{"id":"x","deep":${nested(5_000)}}}`;
    const answer = await rawRequest(`${base}/api/messages`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BEARER_SECRET}` },
      body,
    });
    assert.equal(answer.status, 400);
  });

  it('a non-string id ({"$where": …} as from.aadObjectId, conversation.tenantId, recipient.id) is refused at the edge with 400', async () => {
    const activity = {
      type: 'message',
      text: 'bonjour',
      channelId: 'msteams',
      from: { id: 'u' },
      recipient: { id: 'bot' },
      conversation: { id: 'where' },
      deliveryMode: 'expectReplies',
    };
    const where = { $where: 'return true' };
    for (const forged of [
      { from: { id: 'u', aadObjectId: where } },
      { conversation: { id: 'where', tenantId: where } },
      { recipient: { id: where } },
      { channelData: { tenant: { id: where } } },
    ]) {
      const answer = await rawRequest(`${base}/api/messages`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, ...forged }),
      });
      assert.equal(answer.status, 400, JSON.stringify(forged));
    }
  });

  it('/webchat/__proto__, /webchat/constructor, /webchat/toString: 404, and no Server header anywhere', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const answer = await rawRequest(`${base}/webchat/${name}`, { method: 'GET' });
      assert.equal(answer.status, 404, name);
      assert.doesNotMatch(answer.body, /Assertion|sendRaw/);
    }
    for (const path of ['/healthz', '/', '/api/messages'])
      assert.equal((await rawRequest(`${base}${path}`, { method: 'GET' })).headers.server, undefined, path);
  });

  it('1,000 token requests from 4 addresses in parallel: a conversation in progress stays, and each address is limited', async () => {
    const c = await startConversation();
    const statuses: number[] = [];
    const addresses = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'];
    let next = 0;
    const worker = async () => {
      while (next < 1000) {
        const n = next++;
        const answer = await rawRequest(`${base}/api/directline/token`, { localAddress: addresses[n % 4] });
        statuses.push(answer.status);
        if (answer.status === 200) tokensSeen.add((JSON.parse(answer.body) as { token: string }).token);
      }
    };
    await Promise.all(Array.from({ length: 25 }, worker));
    const issued = statuses.filter((s) => s === 200).length;
    assert.ok(issued <= 4 * 60, `${issued} tokens issued`);
    assert.ok(
      statuses.every((s) => s === 200 || s === 429),
      `statuses ${[...new Set(statuses)].join(', ')}`,
    );
    const stillThere = await rawRequest(activities(c), { method: 'GET', headers: { authorization: `Bearer ${c.token}` } });
    assert.equal(stillThere.status, 200, 'the conversation in progress was dropped');
  });

  it('stream connections: at most 4 on one conversation; a malformed stream path or a bad token does not end the process', async () => {
    const c = await startConversation();
    const open = (url: string) =>
      new Promise<{ status: number; ws?: WebSocket }>((resolve) => {
        const ws = new WebSocket(url);
        ws.once('open', () => resolve({ status: 101, ws }));
        ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
        ws.once('error', () => resolve({ status: 0 }));
      });
    const sockets = await Promise.all(Array.from({ length: 20 }, () => open(c.streamUrl)));
    assert.equal(sockets.filter((s) => s.status === 101).length, 4);
    assert.ok(
      sockets.every((s) => s.status === 101 || s.status === 429),
      sockets.map((s) => s.status).join(','),
    );
    for (const s of sockets) s.ws?.close();
    const ws = base.replace(/^http/, 'ws');
    assert.equal((await open(`${ws}/v3/directline/conversations/%E0%A4%A/stream?t=x`)).status, 404);
    assert.equal((await open(`${ws}/v3/directline/conversations/${c.conversationId}/stream?t=wrong`)).status, 403);
  });

  it('the outbox try route refuses a request relayed by a reverse proxy on this machine', async () => {
    const answer = await rawRequest(`${base}/api/try/outbox`, {
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1' },
      body: '{}',
    });
    assert.equal(answer.status, 403);
  });

  it('wrote no token, text, phone number, birth date or carnet number it was sent, in any of these failures', () => {
    const lines = bot.output().split('\n').filter(Boolean);
    assert.ok(
      lines.some((line) => /"msg":"ready"/.test(line)),
      'the logs were captured',
    );
    const checks = [
      ['secrets', secrets(lines, [BEARER_SECRET, ...tokensSeen])],
      ['phone numbers', phoneNumbers(lines, [MARTINE.phone])],
      ['birth dates', birthDates(lines, [{ year: 1958, month: 4, day: 12 }])],
      ['carnet numbers', voucherBookNumbers(lines, [MARTINE.voucherBookNumber])],
      ['message texts', messageTexts(lines, [...textsSent])],
    ] as const;
    for (const [kind, findings] of checks) assert.deepEqual(findings, [], describeFindings(kind, findings, lines));
    assert.ok(
      lines.every((line) => line.length < 4096),
      'a log line over 4 KB (a whole request?)',
    );
    assert.ok(!lines.some((line) => /^\s+at /.test(line)), 'a plain-text stack trace');
  });
});

describe('rejected tokens on the running bot process (MicrosoftAppId set)', function () {
  this.timeout(180_000);
  let bot: BotProcess;
  let base: string;
  let dataDir: string;
  const jwtShaped = (payload: object) =>
    `eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2lnbmF0dXJlLXNlY3JldC0${Math.random().toString(36).slice(2)}`;
  const tokens = [
    'not-a-jwt-secret-value',
    jwtShaped({ iss: 'https://api.botframework.com', aud: 'app-id', exp: 4_102_444_800 }),
    jwtShaped({ iss: 'https://api.botframework.com', aud: 'app-id' }),
    jwtShaped({ iss: 'https://api.botframework.com', aud: 'app-id', exp: 1 }),
  ];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'attack-signed-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    bot = runBot({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'trace',
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'app-password-secret',
    });
    assert.ok((await readyWithin(base, 120_000)) !== undefined, `not ready:\n${bot.output()}`);
  });
  after(() => {
    if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers each with a bare 401 that quotes nothing, and stays up', async () => {
    for (const token of [...tokens, undefined]) {
      const answer = await rawRequest(`${base}/api/messages`, {
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({
          type: 'message',
          id: `m-${Math.random()}`,
          text: PERSONAL_TEXT,
          channelId: 'sms',
          from: { id: MARTINE.phone },
          recipient: { id: 'bot' },
          conversation: { id: 'signed-attack' },
          serviceUrl: 'https://smba.trafficmanager.net/fr/',
        }),
      });
      assert.equal(answer.status, 401, token);
      assert.deepEqual(JSON.parse(answer.body), { error: 'unauthorized' });
    }
    assert.equal(bot.child.exitCode, null);
  });

  it('wrote no token, no text and no plain-text stack trace for them (botbuilder prints them to the console)', () => {
    const lines = bot.output().split('\n').filter(Boolean);
    assert.ok(
      lines.some((line) => /"component":"console"/.test(line)),
      'no console line was routed: the scan would prove nothing',
    );
    assert.ok(!lines.some((line) => /^\s+at /.test(line)), 'a plain-text stack trace');
    for (const [kind, findings] of [
      ['secrets', secrets(lines, [...tokens.map((token) => token.split('.').pop()!), 'app-password-secret'])],
      ['phone numbers', phoneNumbers(lines, [MARTINE.phone])],
      ['message texts', messageTexts(lines, [PERSONAL_TEXT])],
    ] as const) {
      assert.deepEqual(findings, [], describeFindings(kind, findings, lines));
    }
  });
});

describe('a route that fails (in-process)', () => {
  it('answers 500 with a bare body, not the error message that quotes the person', async () => {
    const bot = await startBot({ seed: false });
    const failing = sinon.stub(bot.app.readiness, 'isReady').rejects(new Error(`no store for ${PERSONAL_TEXT}`));
    try {
      const answer = await rawRequest(`${bot.url}/readyz`, { method: 'GET' });
      assert.equal(answer.status, 500);
      assert.deepEqual(JSON.parse(answer.body), { error: 'internal_error' });
    } finally {
      failing.restore();
      await bot.close();
    }
  });
});
