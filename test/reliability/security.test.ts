/**
 * Requests that are not from the Bot Framework: with an app id configured,
 * no token, a bad token, or a token whose signing keys cannot be fetched
 * (no network here) all get 401, the bot does not run, nothing is sent and
 * nothing is stored. In production, anonymous mode must be asked for.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthenticationError, BotFrameworkAuthentication } from 'botframework-connector';
import { createApp, type App } from '../../src/app';
import { ConfigError, parseConfig } from '../../src/config';
import { communes } from '../../src/data/communes';
import { loadProgrammes } from '../../src/data/programmes';
import { FailClosedAuthentication } from '../../src/http/failClosedAuth';
import { silentLogger } from '../../src/logger';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';

/** A JWT shaped like a Bot Framework token: checking it needs the published signing keys. */
const UNCHECKABLE_TOKEN =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyIsInR5cCI6IkpXVCJ9.' +
  Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: 'app-id', exp: 4_102_444_800 })).toString('base64url') +
  '.c2lnbmF0dXJl';

describe('with MicrosoftAppId set, requests without a valid token', function () {
  this.timeout(30_000);
  let stores: Stores;
  let app: App;
  let url: string;
  let connector: http.Server;
  const connectorCalls: string[] = [];

  before(async () => {
    // Where replies would go: any call here would be a reply to an unauthenticated request.
    connector = http.createServer((req, res) => {
      connectorCalls.push(`${req.method} ${req.url}`);
      res.end('{}');
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    stores = await openStores({ inMemory: true });
    app = createApp({
      auth: { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' },
      stores,
      programmes: loadProgrammes(['lozere']),
      communes: communes(),
      logger: silentLogger(),
    });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${app.server.address().port}/api/messages`;
  });
  after(async () => {
    await new Promise<void>((resolve) => app.server.close(() => resolve()));
    await new Promise<void>((resolve) => connector.close(() => resolve()));
    await stores.close();
  });

  const activity = () => ({
    type: 'message',
    id: `a-${Math.random()}`,
    text: 'bonjour',
    channelId: 'webchat',
    from: { id: 'someone' },
    recipient: { id: 'bot' },
    conversation: { id: 'c-unauthenticated' },
    serviceUrl: `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`,
  });

  async function send(authorization?: string, extra: Record<string, unknown> = {}) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ ...activity(), ...extra }),
    });
    return { status: response.status, body: await response.text() };
  }

  async function nothingHappened() {
    assert.deepEqual(connectorCalls, [], 'the bot sent a reply');
    assert.deepEqual(await stores.botState.read(['webchat/conversations/c-unauthenticated/']), []);
  }

  it('answers 401 to a request without a token, and does not run the bot', async () => {
    assert.equal((await send()).status, 401);
    await nothingHappened();
  });

  it('answers 401 to a token that is not a JWT', async () => {
    assert.equal((await send('Bearer not-a-token')).status, 401);
    await nothingHappened();
  });

  it('answers 401, not 500, when the signing keys cannot be fetched to check the token', async () => {
    const { status, body } = await send(`Bearer ${UNCHECKABLE_TOKEN}`);
    assert.equal(status, 401);
    assert.doesNotMatch(body, /login\.botframework\.com|ENOTFOUND|getaddrinfo/);
    await nothingHappened();
  });

  it('answers 401 also to an expectReplies request without a token', async () => {
    assert.equal((await send(undefined, { deliveryMode: 'expectReplies' })).status, 401);
    await nothingHappened();
  });
});

describe('authentication that cannot finish in time', () => {
  it('is refused as unauthenticated when checking the token hangs', async () => {
    class Hanging extends BotFrameworkAuthentication {
      authenticateRequest = () => new Promise<never>(() => undefined);
      authenticateStreamingRequest = () => new Promise<never>(() => undefined);
      createConnectorFactory = () => {
        throw new Error('not used');
      };
      createUserTokenClient = () => Promise.reject(new Error('not used'));
    }
    const auth = new FailClosedAuthentication(new Hanging(), silentLogger(), 50);
    await assert.rejects(
      auth.authenticateRequest({} as never, 'Bearer x'),
      (error) => error instanceof AuthenticationError && error.statusCode === 401,
    );
  });
});

describe('anonymous mode in production', () => {
  const base = { DATA_DIR: '/tmp/unused', NODE_ENV: 'production' };

  it('refuses to start in production without credentials, naming ALLOW_ANONYMOUS', () => {
    assert.throws(
      () => parseConfig(base),
      (error) => error instanceof ConfigError && error.problems.some((p) => /MicrosoftAppId: .*ALLOW_ANONYMOUS=true/.test(p)),
    );
  });

  it('starts in production without credentials when ALLOW_ANONYMOUS=true says so', () => {
    assert.equal(parseConfig({ ...base, ALLOW_ANONYMOUS: 'true' }).ALLOW_ANONYMOUS, true);
  });

  it('starts in production with credentials, and in development without', () => {
    assert.ok(parseConfig({ ...base, MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }));
    assert.equal(parseConfig({ DATA_DIR: '/tmp/unused' }).ALLOW_ANONYMOUS, false);
  });

  it('refuses a value of ALLOW_ANONYMOUS other than true or false', () => {
    assert.throws(() => parseConfig({ ...base, ALLOW_ANONYMOUS: 'yes' }), ConfigError);
  });
});
