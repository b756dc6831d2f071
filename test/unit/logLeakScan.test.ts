/**
 * The log scanners of the leak tests (test/reliability/logLeaks.ts) must
 * fail for a real leak and only for one: a random id holding ten digits in a
 * row made the flow scan fail about once in a few hundred runs.
 */
import assert from 'node:assert/strict';
import { phoneNumbers } from '../reliability/logLeaks';

const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 30, msg: 'outbox message failed', ...fields });

describe('the log leak scanners', () => {
  it('find a phone number the test typed, written with dashes', () => {
    const found = phoneNumbers([line({ to: '06-56-86-30-77' })], ['06 56 86 30 77']);
    assert.equal(found.length, 1);
  });

  it('take no random id for a phone number, even one holding its digits', () => {
    const id = 'feedback:4c056863-0775-4dd1-9a36-ee77c5eacb63';
    assert.deepEqual(phoneNumbers([line({ messageId: id })], ['06 56 86 30 77', '05 68 63 07 75']), []);
  });
});
