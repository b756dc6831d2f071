import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { deliveryKeys, earlierReplayClaimKey, REPLAY_KEY_PREFIX, replayClaimKey } from '../../src/services/replayRecords';

const sha = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

describe('replay claim keys (src/services/replayRecords.ts)', () => {
  const delivery = { channelId: 'sms', conversationId: '+33612345678', activityId: 'SM0123' };

  it('are the keys claims were always kept under: hour or day, conversation hash, activity hash', () => {
    const conversation = sha('sms', '+33612345678');
    const activity = sha('sms', '+33612345678', 'SM0123');
    const keys = deliveryKeys(delivery);
    assert.equal(keys.claim('2026-12-02T16'), `${REPLAY_KEY_PREFIX}2026-12-02T16/${conversation}/${activity}`);
    assert.equal(keys.claim('2026-12-02'), `${REPLAY_KEY_PREFIX}2026-12-02/${conversation}/${activity}`);
    assert.equal(keys.earlierClaim('2026-12-01'), `${REPLAY_KEY_PREFIX}2026-12-01/${activity}`);
    assert.equal(replayClaimKey('2026-12-02T16', delivery), keys.claim('2026-12-02T16'));
    assert.equal(earlierReplayClaimKey('2026-12-01', delivery), keys.earlierClaim('2026-12-01'));
  });

  it('differ for another activity of the conversation, and hold no id in clear', () => {
    const other = deliveryKeys({ ...delivery, activityId: 'SM0124' }).claim('2026-12-02T16');
    assert.notEqual(other, deliveryKeys(delivery).claim('2026-12-02T16'));
    assert.ok(!other.includes('33612345678') && !other.includes('SM012'));
  });
});
