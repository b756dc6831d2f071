import assert from 'node:assert/strict';
import { ClaimsIdentity, type ConnectorClient, ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import { ReusedClients } from '../../src/http/reusedClients';

const identity = (appId: string) => new ClaimsIdentity([{ type: 'aud', value: appId }], true);

/** Counts the clients it builds; each one a distinct object. */
class CountingFactory extends ConnectorFactory {
  built = 0;
  failNext = false;
  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    this.built += 1;
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('no credentials'));
    }
    return Promise.resolve({ serviceUrl, audience, n: this.built } as unknown as ConnectorClient);
  }
}

describe('connector and user-token clients reused across turns', () => {
  it('gives every turn of one app id, service URL and audience the same connector client', async () => {
    const clients = new ReusedClients();
    const inner = new CountingFactory();
    const first = await clients.connectorFactory(inner, identity('bot')).create('https://sms.example/', 'channel');
    const second = await clients.connectorFactory(inner, identity('bot')).create('https://sms.example/', 'channel');
    assert.equal(second, first);
    assert.equal(inner.built, 1);
  });

  it('builds another one for another service URL, audience or app id', async () => {
    const clients = new ReusedClients();
    const inner = new CountingFactory();
    const a = await clients.connectorFactory(inner, identity('bot')).create('https://sms.example/', 'channel');
    const b = await clients.connectorFactory(inner, identity('bot')).create('https://teams.example/', 'channel');
    const c = await clients.connectorFactory(inner, identity('bot')).create('https://sms.example/', 'skill');
    const d = await clients.connectorFactory(inner, identity('other-bot')).create('https://sms.example/', 'channel');
    assert.equal(new Set([a, b, c, d]).size, 4);
  });

  it('keeps at most its bound, dropping the least recently used (service URLs come from requests)', async () => {
    const clients = new ReusedClients(2);
    const inner = new CountingFactory();
    const factory = clients.connectorFactory(inner, identity('bot'));
    const one = await factory.create('https://1.example/');
    await factory.create('https://2.example/');
    await factory.create('https://1.example/'); // used again: now the most recent
    await factory.create('https://3.example/'); // drops 2
    assert.equal(await factory.create('https://1.example/'), one);
    assert.equal(inner.built, 3);
    await factory.create('https://2.example/');
    assert.equal(inner.built, 4);
  });

  it('does not keep a creation that failed: the next turn tries again', async () => {
    const clients = new ReusedClients();
    const inner = new CountingFactory();
    inner.failNext = true;
    await assert.rejects(clients.connectorFactory(inner, identity('bot')).create('https://sms.example/'));
    const client = await clients.connectorFactory(inner, identity('bot')).create('https://sms.example/');
    assert.equal((client as unknown as { n: number }).n, 2);
  });

  it('gives one user-token client per app id', async () => {
    const clients = new ReusedClients();
    let built = 0;
    const create = () => Promise.resolve({ n: ++built } as unknown as UserTokenClient);
    const a = await clients.userTokenClient(identity('bot'), create);
    const b = await clients.userTokenClient(identity('bot'), create);
    const c = await clients.userTokenClient(identity('other-bot'), create);
    assert.equal(a, b);
    assert.notEqual(a, c);
    assert.equal(built, 2);
  });
});
