/**
 * Bot Framework tokens that really verify — signed by a key this test
 * publishes on a local OpenID server standing in for
 * login.botframework.com — but that must still be refused: no expiry, a
 * serviceurl claim the activity avoids being compared with (expectReplies
 * without serviceUrl), and the refusals' bodies must not echo the
 * library's internals (« Invalid AppId passed on token … », endorsements).
 */
import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AuthenticationConfiguration,
  AuthenticationConstants,
  BotFrameworkAuthenticationFactory,
  PasswordServiceClientCredentialFactory,
} from 'botframework-connector';
import { createApp, type App } from '../../src/app';
import { communes } from '../../src/data/communes';
import { loadProgrammes } from '../../src/data/programmes';
import { silentLogger } from '../../src/logger';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';

const APP_ID = 'app-id-under-test';
const SERVICE_URL = 'https://smba.trafficmanager.net/fr/';

function jwt(key: KeyObject, kid: string, payload: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(payload)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
}

describe('signed tokens that verify, but must still be refused', function () {
  this.timeout(30_000);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  let keyServer: http.Server;
  let stores: Stores;
  let app: App;
  let url: string;

  before(async () => {
    keyServer = http.createServer((req, res) => {
      const base = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/openid')
        res.end(JSON.stringify({ issuer: AuthenticationConstants.ToBotFromChannelTokenIssuer, jwks_uri: `${base}/keys` }));
      else
        res.end(
          JSON.stringify({
            keys: [
              { kty: 'RSA', kid: 'plain', n: jwk.n, e: jwk.e },
              { kty: 'RSA', kid: 'teams-only', n: jwk.n, e: jwk.e, endorsements: ['msteams'] },
            ],
          }),
        );
    });
    await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
    const metadata = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/openid`;
    stores = await openStores({ inMemory: true });
    app = createApp({
      auth: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' },
      authentication: BotFrameworkAuthenticationFactory.create(
        'https://botframework.com',
        true,
        AuthenticationConstants.ToChannelFromBotLoginUrl,
        AuthenticationConstants.ToChannelFromBotOAuthScope,
        AuthenticationConstants.ToBotFromChannelTokenIssuer,
        AuthenticationConstants.OAuthUrl,
        metadata,
        metadata,
        'urn:botframework:azure',
        new PasswordServiceClientCredentialFactory(APP_ID, 'secret'),
        new AuthenticationConfiguration(),
      ),
      stores,
      programmes: loadProgrammes(['lozere']),
      communes: communes(),
      logger: silentLogger(),
    });
    app.readiness.markModelsWarm();
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${app.server.address().port}/api/messages`;
  });
  after(async () => {
    await new Promise<void>((resolve) => app.server.close(() => resolve()));
    await new Promise<void>((resolve) => keyServer.close(() => resolve()));
    await stores.close();
  });

  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    aud: APP_ID,
    serviceurl: SERVICE_URL,
    exp: inAnHour(),
    nbf: Math.floor(Date.now() / 1000) - 60,
    ...extra,
  });
  async function send(token: string, activity: Record<string, unknown> = {}) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        type: 'message',
        id: `t-${Math.random()}`,
        text: 'bonjour',
        channelId: 'webchat',
        from: { id: 'someone' },
        recipient: { id: 'bot' },
        conversation: { id: `c-${Math.random()}` },
        serviceUrl: SERVICE_URL,
        deliveryMode: 'expectReplies',
        ...activity,
      }),
    });
    return { status: response.status, body: await response.text() };
  }

  it('accepts a well-formed token signed by the published key (so the refusals below are about one thing each)', async () => {
    const { status, body } = await send(jwt(privateKey, 'plain', claims()));
    assert.equal(status, 200, body);
    assert.match(body, /Pass num[ée]rique/i);
  });

  it('refuses a token without an expiry: it would be valid for ever', async () => {
    const { exp: _none, ...forever } = claims();
    const { status, body } = await send(jwt(privateKey, 'plain', forever));
    assert.equal(status, 401, body);
    assert.doesNotMatch(body, /Pass num[ée]rique/i);
  });

  it('refuses an expectReplies request without serviceUrl, whose token names a serviceurl (the claim would not be compared)', async () => {
    const { status } = await send(jwt(privateKey, 'plain', claims({ serviceurl: 'https://elsewhere.example/' })), {
      serviceUrl: undefined,
    });
    assert.equal(status, 400);
  });

  it('refuses a token whose serviceurl claim names another service', async () => {
    const { status } = await send(jwt(privateKey, 'plain', claims({ serviceurl: 'https://elsewhere.example/' })));
    assert.equal(status, 401);
  });

  it('answers a token for another bot, or a key endorsed for another channel, with a bare 401 that quotes nothing', async () => {
    for (const token of [jwt(privateKey, 'plain', claims({ aud: 'another-bot' })), jwt(privateKey, 'teams-only', claims())]) {
      const { status, body } = await send(token);
      assert.equal(status, 401);
      assert.deepEqual(JSON.parse(body), { error: 'unauthorized' });
    }
  });
});
