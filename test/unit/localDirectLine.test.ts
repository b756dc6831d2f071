import assert from 'node:assert/strict';
import { LocalDirectLine } from '../../src/http/webchat/localDirectLine';
import { fromThisMachine } from '../../src/http/webchat/requestOrigin';

const limits = { maxConversations: 3, ttlMs: 60_000, maxActivities: 4, tokenSeconds: 3600 };

describe('the local Direct Line store', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses an expired conversation cleanly (404, "ConversationExpired") and forgets it', () => {
    const store = new LocalDirectLine(limits, clock);
    const c = store.issue();
    now += 60_001;
    const lookup = store.get(c.id, `Bearer ${c.token}`);
    assert.deepEqual(lookup.ok ? 'alive' : [lookup.status, lookup.code], [404, 'ConversationExpired']);
    assert.equal(store.size, 0);
  });

  it('keeps a conversation alive while it is used', () => {
    const store = new LocalDirectLine(limits, clock);
    const c = store.issue();
    now += 50_000;
    store.append(c, { type: 'message', text: 'bonjour' });
    now += 50_000;
    assert.ok(store.get(c.id, `Bearer ${c.token}`).ok);
  });

  it('refuses an ended conversation (the bot sent endOfConversation)', () => {
    const store = new LocalDirectLine(limits, clock);
    const c = store.issue();
    store.append(c, { type: 'endOfConversation' });
    const lookup = store.forBot(c.id);
    assert.deepEqual(lookup.ok ? 'alive' : [lookup.status, lookup.code], [404, 'ConversationEnded']);
  });

  it('holds at most maxConversations, dropping the least recently active', () => {
    const store = new LocalDirectLine(limits, clock);
    const first = store.issue();
    now += 1;
    const second = store.issue();
    now += 1;
    store.issue();
    now += 1;
    store.append(first, { type: 'message', text: 'encore là' });
    store.issue();
    assert.equal(store.size, 3);
    assert.ok(store.forBot(first.id).ok);
    assert.equal(store.forBot(second.id).ok, false);
  });

  it('keeps the last maxActivities activities, with watermarks that keep counting', () => {
    const store = new LocalDirectLine(limits, clock);
    const c = store.issue();
    for (let i = 0; i < 6; i += 1) store.append(c, { type: 'message', text: String(i) });
    const all = store.since(c, undefined);
    assert.deepEqual(all.activities.map((a) => a.text), ['2', '3', '4', '5']);
    assert.equal(all.watermark, '5');
    assert.deepEqual(store.since(c, 3).activities.map((a) => a.text), ['4', '5']);
    assert.deepEqual(store.since(c, 5).activities, []);
  });
});

describe('the local connector accepts calls from this machine only', () => {
  const request = (remoteAddress: string, localAddress = '127.0.0.1') => ({ socket: { remoteAddress, localAddress } }) as never;
  it('loopback (IPv4, IPv6, mapped) and the server calling its own address', () => {
    assert.ok(fromThisMachine(request('127.0.0.1')));
    assert.ok(fromThisMachine(request('::1', '::1')));
    assert.ok(fromThisMachine(request('::ffff:127.0.0.1')));
    assert.ok(fromThisMachine(request('192.168.1.20', '192.168.1.20')));
  });
  it('not another machine', () => {
    assert.equal(fromThisMachine(request('192.168.1.21', '192.168.1.20')), false);
    assert.equal(fromThisMachine(request('::ffff:10.0.0.5', '::ffff:10.0.0.1')), false);
  });
});
