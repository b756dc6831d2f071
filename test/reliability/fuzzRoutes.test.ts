/**
 * Fuzzing every route of the running bot process — HTTP and the Direct
 * Line WebSocket — with unreadable bodies (not JSON, multipart, huge,
 * deep), wrong activities, junk paths, queries and tokens, and junk
 * WebSocket handshakes and frames. The process runs as an operator runs it
 * (development: local Direct Line and the outbox try route served), with
 * its own temp folder. Asserted: never a 5xx nor a dropped connection, an
 * unreadable body is a 4xx on every route, the process stays up, nothing
 * is written to the temp folder, and refused requests leave the data files
 * as they were. Reproduce a failure with FUZZ_SEED=<seed in the message>.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { type BotProcess, freePort, readyWithin, runBot } from '../support/botProcess';
import { startBot } from '../support/botServer';
import { fingerprint } from '../support/dataFiles';
import { type FuzzCase, malformedCase, oddCase, randomText, type Rng, seededRng, unreadableBody, wrongClientActivity } from './fuzzCases';
import { rawRequest } from '../support/rawRequest';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const PARALLEL = 12;

interface Conversation {
  conversationId: string;
  token: string;
  streamUrl: string;
}

interface Sent {
  label: string;
  status: number;
  error?: string;
}

const int = (rng: Rng, max: number) => Math.floor(rng() * max);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)];
/** Random text for a URL: surrogates dropped (a lone one cannot be percent-encoded). */
const urlText = (rng: Rng, max: number) => encodeURIComponent(randomText(rng, max).replace(/[\ud800-\udfff]/g, ''));

describe('fuzzing every route of the running process, HTTP and WebSocket', function () {
  this.timeout(600_000);
  const rng = seededRng(SEED);
  let bot: BotProcess;
  let base: string;
  let temp: string;
  let dataDir: string;
  const conversations: Conversation[] = [];

  before(async () => {
    temp = mkdtempSync(join(tmpdir(), 'fuzz-routes-tmp-'));
    dataDir = mkdtempSync(join(tmpdir(), 'fuzz-routes-data-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // No request rate limits: they would answer 429 before the routes are reached.
    bot = runBot({ PORT: String(port), DATA_DIR: dataDir, TMPDIR: temp, RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_CONVERSATION: '0' });
    assert.ok((await readyWithin(base, 120_000)) !== undefined, `not ready:\n${bot.output()}`);
    for (let i = 0; i < 3; i += 1) {
      const { token } = JSON.parse((await rawRequest(`${base}/api/directline/token`)).body) as { token: string };
      conversations.push(
        JSON.parse((await rawRequest(`${base}/v3/directline/conversations`, { headers: { authorization: `Bearer ${token}` } })).body),
      );
    }
  });
  after(() => {
    if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
    rmSync(temp, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    assert.equal(bot.child.exitCode, null, `the process ended:\n${bot.output().slice(-3000)}`);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.deepEqual(readdirSync(temp), [], 'a file was written to the temp folder');
  });

  /** The POST routes, with a path parameter that is a real conversation, junk, or a prototype key. */
  function postRoute(): string {
    const c = pick(rng, conversations);
    // Already written for a URL: '%E0%A4%A' is a broken escape on purpose.
    const safe = pick(rng, [
      c.conversationId,
      c.conversationId,
      '__proto__',
      'constructor',
      '%E0%A4%A',
      'x'.repeat(2_000),
      urlText(rng, 20) || 'x',
    ]);
    return pick(rng, [
      '/api/messages',
      '/api/directline/token',
      '/v3/directline/conversations',
      `/v3/directline/conversations/${safe}/activities`,
      '/v3/directline/tokens/refresh',
      `/v3/conversations/${safe}/activities`,
      `/v3/conversations/${safe}/activities/${safe}`,
      '/api/try/outbox',
    ]);
  }

  function authorization(): Record<string, string> {
    const c = pick(rng, conversations);
    return pick<Record<string, string>>(rng, [
      {},
      { authorization: `Bearer ${c.token}` },
      { authorization: 'Bearer nothing' },
      { authorization: randomText(rng, 50).replace(/[^\x20-\x7e]/g, '') || 'x' },
    ]);
  }

  async function send(label: string, route: string, method: string, fuzz?: FuzzCase, headers: Record<string, string> = {}): Promise<Sent> {
    const body = fuzz ? Buffer.from(fuzz.body) : undefined;
    try {
      const answer = await rawRequest(`${base}${route}`, {
        method,
        headers: { ...headers, ...(fuzz ? { 'content-type': fuzz.contentType, 'content-length': body!.length } : {}) },
        body,
      });
      return { label, status: answer.status };
    } catch (error) {
      return { label, status: 0, error: String(error) };
    }
  }

  async function run(count: number, make: (n: number) => () => Promise<Sent>): Promise<Sent[]> {
    const jobs = Array.from({ length: count }, (_, n) => make(n));
    const results: Sent[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < jobs.length) results.push(await jobs[next++]());
      }),
    );
    return results;
  }

  const failures = (results: Sent[], bad: (s: Sent) => boolean) => {
    const failed = results.filter(bad);
    return [
      failed,
      `seed ${SEED}: ${failed.length} failures, e.g. ${failed
        .slice(0, 5)
        .map((f) => `${f.label} → ${f.status} ${f.error ?? ''}`)
        .join('; ')}`,
    ] as const;
  };

  it('refuses 1,500 unreadable bodies (not JSON, multipart, huge, deep) with a 4xx on every POST route, and changes no data file', async () => {
    const before = await fingerprint(dataDir);
    const results = await run(1_500, () => {
      const route = postRoute();
      const fuzz = unreadableBody(rng);
      return () => send(`${fuzz.label} to ${route.slice(0, 60)}`, route, 'POST', fuzz, authorization());
    });
    const [failed, message] = failures(results, (s) => s.status < 400 || s.status >= 500);
    assert.deepEqual(failed, [], message);
    assert.deepEqual(await fingerprint(dataDir), before, 'a refused request changed the data files');
  });

  it('refuses 1,000 wrong activities on /api/messages and the Direct Line with a 4xx, and changes no data file', async () => {
    const before = await fingerprint(dataDir);
    const results = await run(1_000, (n) => {
      const c = pick(rng, conversations);
      const directLine = rng() < 0.5;
      const fuzz = directLine ? wrongClientActivity(rng) : malformedCase(rng, n);
      const route = directLine ? `/v3/directline/conversations/${c.conversationId}/activities` : '/api/messages';
      return () =>
        send(`${fuzz.label} to ${route.slice(0, 40)}`, route, 'POST', fuzz, directLine ? { authorization: `Bearer ${c.token}` } : {});
    });
    const [failed, message] = failures(results, (s) => s.status < 400 || s.status >= 500);
    assert.deepEqual(failed, [], message);
    assert.deepEqual(await fingerprint(dataDir), before, 'a refused request changed the data files');
  });

  it('answers 1,000 odd but well-formed requests, any method, on every route (and unknown ones) without a 5xx', async () => {
    const results = await run(1_000, (n) => {
      const c = pick(rng, conversations);
      const watermark = pick(rng, ['', '-1', '0', 'abc', '99999999999', '%00', '1e3', '-']);
      const route = pick(rng, [
        postRoute(),
        `/v3/directline/conversations/${c.conversationId}?watermark=${watermark}`,
        `/v3/directline/conversations/${c.conversationId}/activities?watermark=${watermark}`,
        `/webchat/${pick(rng, ['__proto__', 'constructor', 'toString', 'chat.js', 'webchat.js', 'favicon.svg', '..%2Fpackage.json', 'x'.repeat(3000)])}`,
        '/',
        '/confidentialite',
        '/favicon.ico',
        '/healthz',
        '/readyz',
        '/nope',
        `/${'a/'.repeat(500)}`,
        `/api/figures.csv?${pick(rng, ['', 't=', `t=${urlText(rng, 60)}`, `t=${'x'.repeat(5000)}`, 't=__proto__', 't=a.b.c', urlText(rng, 30)])}`,
      ]);
      const method = pick(rng, ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
      const fuzz = ['POST', 'PUT', 'PATCH'].includes(method) ? oddCase(rng, n) : undefined;
      return () => send(`${method} ${route.slice(0, 60)}`, route, method, fuzz, authorization());
    });
    const [failed, message] = failures(results, (s) => s.status >= 500 || s.status === 0);
    assert.deepEqual(failed, [], message);
  });

  it('survives 300 junk WebSocket handshakes and frames on the stream: never a 5xx, never a crash', async () => {
    const ws = base.replace(/^http/, 'ws');
    const statuses: number[] = [];
    const attempt = () =>
      new Promise<void>((resolve) => {
        const c = pick(rng, conversations);
        const path = pick(rng, [
          `/v3/directline/conversations/${c.conversationId}/stream?t=${encodeURIComponent(c.token)}&watermark=${pick(rng, ['', '-5', 'x', '3', '99999999999'])}`,
          `/v3/directline/conversations/${c.conversationId}/stream?t=${urlText(rng, 30)}`,
          `/v3/directline/conversations/%E0%A4%A/stream?t=x`,
          `/v3/directline/conversations/__proto__/stream`,
          `/v3/directline/conversations/${'x'.repeat(4000)}/stream`,
          '/api/messages',
          `/${urlText(rng, 40)}`,
        ]);
        let socket: WebSocket;
        try {
          socket = new WebSocket(`${ws}${path}`, { handshakeTimeout: 10_000 });
        } catch {
          resolve();
          return;
        }
        const done = (status: number) => {
          statuses.push(status);
          resolve();
        };
        socket.once('unexpected-response', (_req, res) => {
          done(res.statusCode ?? 0);
          res.resume();
        });
        socket.once('error', () => done(-1));
        socket.once('open', () => {
          // Frames the page never sends: binary, text, over the 64 KB limit, then gone.
          for (let i = 0; i < 3; i += 1)
            socket.send(pick(rng, [Buffer.alloc(int(rng, 1000)), randomText(rng, 200), 'x'.repeat(70_000), '{"type":"message"}']));
          setTimeout(() => socket.terminate(), 50);
          done(101);
        });
      });
    for (let batch = 0; batch < 30; batch += 1) await Promise.all(Array.from({ length: 10 }, attempt));
    assert.equal(statuses.length, 300);
    assert.ok(
      statuses.every((s) => s < 500),
      `seed ${SEED}: handshake statuses ${[...new Set(statuses)].join(', ')}`,
    );
    assert.ok(statuses.includes(101), 'no stream was opened: the frames were never sent');
  });

  it('covers every route the app registers', async () => {
    const app = await startBot({ seed: false });
    try {
      const routes = (app.app.server.getDebugInfo() as { routes: { method: string; path: string }[] }).routes.map(
        (r) => `${r.method.toUpperCase()} ${String(r.path)}`,
      );
      const covered = [
        'POST /api/messages',
        'GET /healthz',
        'GET /readyz',
        'GET /',
        'GET /confidentialite',
        'GET /favicon.ico',
        'GET /webchat/:file',
        'POST /api/directline/token',
        'POST /v3/directline/conversations',
        'GET /v3/directline/conversations/:conversationId',
        'GET /v3/directline/conversations/:conversationId/activities',
        'POST /v3/directline/conversations/:conversationId/activities',
        'POST /v3/directline/tokens/refresh',
        'POST /v3/conversations/:conversationId/activities',
        'POST /v3/conversations/:conversationId/activities/:activityId',
        'GET /api/figures.csv',
      ];
      assert.deepEqual(
        routes.filter((r) => !covered.includes(r)),
        [],
        'a route the fuzzer does not know (add it above and to postRoute)',
      );
    } finally {
      await app.close();
    }
  });
});
