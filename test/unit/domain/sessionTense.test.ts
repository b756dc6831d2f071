/** « comme la dernière fois » was said of Martine's session still to come (issue 14): a session is worded by when it is, and what became of it. */
import assert from 'node:assert/strict';
import { sessionTense } from '../../../src/domain/sessionTense';

const NOW = new Date('2026-12-02T08:37:00+01:00');
const at = (iso: string) => new Date(iso);

describe('how a session the bot refers to is worded', () => {
  it('is to come while it has not begun, whether confirmed or still pending', () => {
    assert.equal(sessionTense({ start: at('2026-12-04T09:00:00+01:00'), status: 'confirmed' }, NOW), 'upcoming');
    assert.equal(sessionTense({ start: at('2026-12-02T09:00:00+01:00'), status: 'pending' }, NOW), 'upcoming');
  });

  it('is past once begun, attended, missed or not yet marked', () => {
    assert.equal(sessionTense({ start: at('2026-12-02T08:30:00+01:00'), status: 'confirmed' }, NOW), 'past');
    assert.equal(sessionTense({ start: at('2026-11-25T14:00:00+01:00'), status: 'attended' }, NOW), 'past');
    assert.equal(sessionTense({ start: at('2026-11-25T14:00:00+01:00'), status: 'missed' }, NOW), 'past');
  });

  it('is cancelled, before or after its day, when it was cancelled: no session the person had', () => {
    assert.equal(sessionTense({ start: at('2026-12-04T09:00:00+01:00'), status: 'cancelled' }, NOW), 'cancelled');
    assert.equal(sessionTense({ start: at('2026-11-25T14:00:00+01:00'), status: 'cancelling' }, NOW), 'cancelled');
  });
});
