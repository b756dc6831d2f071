/**
 * The page and its files as served, and the production token path: with
 * DIRECTLINE_SECRET the server exchanges the secret with Azure Direct Line
 * (a local stand-in here, there is no internet) and the browser only ever
 * sees a short-lived token.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webChatSettings } from '../../src/http/webchat/settings';
import { type BotUnderTest, startBot } from '../support/botServer';

describe('the Web Chat page as served', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  it('is French, names the programmes, and allows no request elsewhere (CSP)', async () => {
    const response = await fetch(`${bot.url}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.equal(response.headers.get('set-cookie'), null);
    const html = await response.text();
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /<title>Assistant du Pass numérique – Lozère, Drôme<\/title>/);
    assert.match(html, /La conversation est conservée 30 jours au plus/);
    assert.match(html, /href="\/confidentialite"/);
    assert.doesNotMatch(html, /https?:\/\/(?!lozere\.fr|www\.ladrome\.fr|ladrome\.fr)[a-z]/i, 'no resource from another site');
  });

  it('serves the Web Chat bundle from node_modules, and 404 for other names', async () => {
    const bundle = await fetch(`${bot.url}/webchat/webchat.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.ok((await bundle.arrayBuffer()).byteLength > 1_000_000);
    assert.equal((await fetch(`${bot.url}/webchat/../package.json`)).status, 404);
    assert.equal((await fetch(`${bot.url}/webchat/nothing.js`)).status, 404);
  });

  it('has a privacy page saying what is kept, for how long, and the rights', async () => {
    const html = await (await fetch(`${bot.url}/confidentialite`)).text();
    assert.match(html, /<h1>Vos données et l&#39;assistant du Pass numérique<\/h1>/);
    assert.match(html, /conservée 30 jours au plus/);
    assert.match(html, /aucun cookie/);
  });

  it('names each département once, joined in French, on the privacy page of two programmes', async () => {
    const html = await (await fetch(`${bot.url}/confidentialite`)).text();
    assert.match(
      html,
      /Chaque département, pour le dispositif qu&#39;il propose : Conseil départemental de la Lozère et Département de la Drôme\./,
    );
    // With a phone each (their switchboards, from data/programmes), not a name alone.
    assert.match(
      html,
      /au département de votre dispositif : Conseil départemental de la Lozère \(standard : 04 66 49 66 66\) ou Département de la Drôme \(standard : 04 75 79 26 26\)\./,
    );
    assert.doesNotMatch(html, /adressant à Conseil/);
  });

  it("carries one programme's identity and colour when configured", async () => {
    const lozere = await startBot({
      webChat: webChatSettings({ WEBCHAT_PROGRAMME: 'lozere', WEBCHAT_ACCENT_COLOR: '#00594f', CONVERSATION_RETENTION_DAYS: 90 }),
    });
    try {
      const html = await (await fetch(`${lozere.url}/`)).text();
      assert.match(html, /<title>Assistant du Pass Numérique – Lozère<\/title>/);
      assert.match(html, /--accent: #00594f/);
      assert.match(html, /conservée 90 jours/);
    } finally {
      await lozere.close();
    }
  });
});

describe('the Direct Line token with DIRECTLINE_SECRET (production)', function () {
  this.timeout(30_000);
  let azure: Server;
  let azureUrl: string;
  let seen: { path?: string; authorization?: string; body?: string }[];
  let answer: { status: number; body: unknown };
  let bot: BotUnderTest;

  before(async () => {
    // Stands in for https://directline.botframework.com/v3/directline.
    azure = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ path: req.url, authorization: req.headers.authorization, body });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => azure.listen(0, '127.0.0.1', resolve));
    azureUrl = `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline`;
    bot = await startBot({ webChat: webChatSettings({ DIRECTLINE_SECRET: 'the-secret', DIRECTLINE_ENDPOINT: azureUrl }) });
  });
  after(async () => {
    await bot.close();
    await new Promise((resolve) => azure.close(resolve));
  });
  beforeEach(() => {
    seen = [];
    answer = { status: 200, body: { conversationId: 'abc', token: 'short-lived', expires_in: 3600 } };
  });

  it('exchanges the secret server-side and gives the page only the token', async () => {
    const response = await fetch(`${bot.url}/api/directline/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(response.status, 200);
    const text = await response.text();
    const { resume, ...given } = JSON.parse(text) as { resume: string };
    assert.deepEqual(given, { token: 'short-lived', conversationId: 'abc', expiresIn: 3600, domain: azureUrl });
    assert.match(resume, /^\d+\.[\w-]{43}$/);
    assert.doesNotMatch(text, /the-secret/);
    assert.equal(seen[0].path, '/v3/directline/tokens/generate');
    assert.equal(seen[0].authorization, 'Bearer the-secret');
    assert.match(JSON.parse(seen[0].body ?? '{}').user.id, /^dl_/);
  });

  const token = (body: unknown) =>
    fetch(`${bot.url}/api/directline/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('gives a page that slept past its token a fresh one for the same conversation (Azure reconnect), on its resume key', async () => {
    const first = (await (await token({})).json()) as { resume: string };
    seen = [];
    answer = { status: 200, body: { conversationId: 'abc', token: 'second-token', streamUrl: 'wss://example/stream' } };
    const resumed = await token({ conversationId: 'abc', resume: first.resume });
    assert.equal(resumed.status, 200);
    const body = (await resumed.json()) as { token: string; conversationId: string; expiresIn: number };
    assert.deepEqual([body.token, body.conversationId, body.expiresIn], ['second-token', 'abc', 1800]);
    assert.deepEqual([seen[0]?.path, seen[0]?.authorization], ['/v3/directline/conversations/abc', 'Bearer the-secret']);
  });

  it('refuses to resume another conversation with a key it was not given (403), and says when Azure no longer holds it (404)', async () => {
    const first = (await (await token({})).json()) as { resume: string };
    seen = [];
    assert.equal((await token({ conversationId: 'someone-else', resume: first.resume })).status, 403);
    assert.equal((await token({ conversationId: 'abc', resume: 'made-up' })).status, 403);
    assert.deepEqual(seen, [], 'nothing asked of Azure for a refused key');
    answer = { status: 404, body: { error: { code: 'BadArgument', message: 'Conversation not found' } } };
    assert.equal((await token({ conversationId: 'abc', resume: first.resume })).status, 404);
  });

  it('answers 502 when Azure refuses, without leaking its answer', async () => {
    answer = { status: 403, body: { error: { code: 'Forbidden', message: 'bad secret' } } };
    const response = await fetch(`${bot.url}/api/directline/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(response.status, 502);
    assert.deepEqual(await response.json(), { error: 'directline_unavailable' });
  });

  it('serves no local Direct Line and lets the page reach Azure (CSP)', async () => {
    const local = await fetch(`${bot.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(local.status, 404);
    const csp = (await fetch(`${bot.url}/`)).headers.get('content-security-policy') ?? '';
    assert.match(csp, new RegExp(`connect-src [^;]*${new URL(azureUrl).origin.replace(/[.]/g, '\\.')}`));
  });
});

describe('the Direct Line token with an app id but no secret', function () {
  it('is refused with 503: the page then says chat is unavailable', async () => {
    const bot = await startBot({ webChat: webChatSettings({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' }) });
    try {
      const response = await fetch(`${bot.url}/api/directline/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(response.status, 503);
    } finally {
      await bot.close();
    }
  });
});
