/** Packing a turn's SMS replies: few billed segments, lists never cut. */
import assert from 'node:assert/strict';
import { smsCost } from '../../src/channels/sms/segments';
import { splitSms } from '../../src/channels/sms/splitSms';

const list = '1. Oui\n2. Non\nRépondez 1 ou 2.';

describe('SMS of one turn packed into messages', () => {
  it('puts a short text and the next question in one message: one segment, not two', () => {
    const messages = splitSms([{ text: "D'accord, pas de rappel." }, { text: 'Voulez-vous autre chose ?', list }]);
    assert.deepEqual(messages, [`D'accord, pas de rappel.\nVoulez-vous autre chose ?\n${list}`]);
    assert.equal(smsCost(messages[0]).segments, 1);
  });

  it('keeps a list with its question and its « Répondez » line when the text before it fills a message', () => {
    const long = Array.from({ length: 6 }, (_, i) => `- Lieu ${i + 1}, ${'rue des Écoles, '.repeat(3)}Mende. Tél. 04 66 00 00 0${i}`).join(
      '\n',
    );
    const messages = splitSms([{ text: `${long}\nEt maintenant ?`, list }]);
    assert.ok(messages.length > 1);
    const last = messages[messages.length - 1];
    assert.ok(last.endsWith(`Et maintenant ?\n${list}`), last);
    for (const message of messages) assert.ok(smsCost(message).segments <= 3, `${smsCost(message).segments} segments`);
  });

  it('cuts a text longer than 3 segments between whole lines', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `Ligne ${i + 1} : ${'un mot '.repeat(8).trim()}.`);
    const messages = splitSms([{ text: lines.join('\n') }]);
    assert.ok(messages.length === 2, `${messages.length} messages`);
    assert.deepEqual(messages.join('\n').split('\n'), lines);
  });
});
