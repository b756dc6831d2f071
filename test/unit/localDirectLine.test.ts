import assert from 'node:assert/strict';
import { LOCAL_DIRECT_LINE_LIMITS, LocalDirectLine } from '../../src/http/webchat/localDirectLine';
import { fromThisMachine } from '../../src/http/webchat/requestOrigin';

const limits = { ...LOCAL_DIRECT_LINE_LIMITS, maxConversations: 3, ttlMs: 60_000, maxActivities: 4, activeMs: 10_000 };

describe('the local Direct Line store', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses an expired conversation cleanly (404, "ConversationExpired") and forgets it', () => {
    const store = new LocalDirectLine(limits, clock);
    const c = store.issue()!;
    now += 60_001;
    const lookup = store.get(c.id, `Bearer ${c.token}`);
    assert.deepEqual(lookup.ok ? 'alive' : [lookup.status, lookup.code], [404, 'ConversationExpired']);
    assert.equal(store.size, 0);
  });

  it('refuses a token past its life (403 TokenExpired); a refreshed token goes on with the same conversation', () => {
    const store = new LocalDirectLine({ ...limits, tokenSeconds: 10 }, clock);
    const c = store.issue()!;
    now += 6_000;
    const fresh = store.refresh(c);
    assert.notEqual(fresh, c.tokens[0].value);
    now += 5_000;
    const old = store.get(c.id, `Bearer ${c.tokens[0].value}`);
    assert.deepEqual(old.ok ? 'alive' : [old.status, old.code], [403, 'TokenExpired']);
    const lookup = store.get(c.id, `Bearer ${fresh}`);
    assert.equal(lookup.ok && lookup.conversation.id, c.id);
    now += 10_000;
    const late = store.byToken(`Bearer ${fresh}`);
    assert.deepEqual(late.ok ? 'alive' : [late.status, late.code], [403, 'TokenExpired']);
  });

  it('keeps a conversation alive while it is used', () => {
    const store = new LocalDirectLine(limits, clock);
    const c = store.issue()!;
    now += 50_000;
    store.append(c, { type: 'message', text: 'bonjour' });
    now += 50_000;
    assert.ok(store.get(c.id, `Bearer ${c.token}`).ok);
  });

  it('refuses an ended conversation (the bot sent endOfConversation)', () => {
    const store = new LocalDirectLine(limits, clock);
    const c = store.issue()!;
    store.append(c, { type: 'endOfConversation' });
    const lookup = store.forBot(c.id);
    assert.deepEqual(lookup.ok ? 'alive' : [lookup.status, lookup.code], [404, 'ConversationEnded']);
  });

  it('holds at most maxConversations, dropping the least recently active', () => {
    const store = new LocalDirectLine(limits, clock);
    const first = store.issue()!;
    now += 1;
    const second = store.issue()!;
    now += 1;
    store.issue()!;
    now += 1;
    store.append(first, { type: 'message', text: 'encore là' });
    store.issue()!;
    assert.equal(store.size, 3);
    assert.ok(store.forBot(first.id).ok);
    assert.equal(store.forBot(second.id).ok, false);
  });

  it('never drops a conversation in use to make room for a new token: refuses the token instead', () => {
    const store = new LocalDirectLine(limits, clock);
    const chatting = [store.issue()!, store.issue()!, store.issue()!];
    for (const c of chatting) c.started = true;
    assert.equal(store.issue(), undefined, 'a token was issued by dropping someone who is chatting');
    for (const c of chatting) assert.ok(store.forBot(c.id).ok);
  });

  it('drops, to make room, a token never used before a started conversation, and an idle conversation only without a stream', () => {
    const store = new LocalDirectLine(limits, clock);
    const started = store.issue()!;
    started.started = true;
    now += 1;
    const unused = store.issue()!;
    now += 1;
    const streaming = store.issue()!;
    streaming.started = true;
    assert.ok(store.openSocket(streaming));
    assert.ok(store.issue(), 'the unused token made room');
    assert.equal(store.forBot(unused.id).ok, false);
    now += limits.activeMs + 1;
    assert.ok(store.issue(), 'the idle conversation without a stream made room');
    assert.equal(store.forBot(started.id).ok, false);
    assert.ok(store.forBot(streaming.id).ok, 'the conversation with a stream open stays');
  });

  it('holds at most socketsPerConversation streams on one conversation, and gives a slot back when one closes', () => {
    const store = new LocalDirectLine({ ...limits, socketsPerConversation: 2 }, clock);
    const c = store.issue()!;
    assert.deepEqual([store.openSocket(c), store.openSocket(c), store.openSocket(c)], [true, true, false]);
    store.closeSocket(c);
    assert.equal(store.openSocket(c), true);
  });

  it('counts token requests per address over a minute', async () => {
    const store = new LocalDirectLine({ ...limits, tokensPerAddressPerMinute: 2 }, clock);
    const answers = [
      await store.admit('token', '10.0.0.1'),
      await store.admit('token', '10.0.0.1'),
      await store.admit('token', '10.0.0.1'),
    ];
    assert.deepEqual(
      answers.map((a) => a.ok),
      [true, true, false],
    );
    assert.ok((await store.admit('token', '10.0.0.2')).ok, 'another address is counted apart');
  });

  it('keeps the last maxActivities activities, with watermarks that keep counting', () => {
    const store = new LocalDirectLine(limits, clock);
    const c = store.issue()!;
    for (let i = 0; i < 6; i += 1) store.append(c, { type: 'message', text: String(i) });
    const all = store.since(c, undefined);
    assert.deepEqual(
      all.activities.map((a) => a.text),
      ['2', '3', '4', '5'],
    );
    assert.equal(all.watermark, '5');
    assert.deepEqual(
      store.since(c, 3).activities.map((a) => a.text),
      ['4', '5'],
    );
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
  it('not a request relayed by a reverse proxy on this machine, whatever address it claims', () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'via']) {
      const relayed = { socket: { remoteAddress: '127.0.0.1', localAddress: '127.0.0.1' }, headers: { [header]: '127.0.0.1' } } as never;
      assert.equal(fromThisMachine(relayed), false, header);
    }
  });
  it('not another machine', () => {
    assert.equal(fromThisMachine(request('192.168.1.21', '192.168.1.20')), false);
    assert.equal(fromThisMachine(request('::ffff:10.0.0.5', '::ffff:10.0.0.1')), false);
  });
});
