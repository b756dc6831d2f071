import assert from 'node:assert/strict';
import { SMS_MAX_CHARS } from '../../src/channels/channelKind';
import { render } from '../../src/channels/render';
import { splitText } from '../../src/channels/splitText';
import { french } from '../../src/i18n';

const t = french();
const question = { text: 'Que souhaitez-vous faire ?', choices: ['Trouver un lieu', 'Mes heures restantes', "Parler à quelqu'un"] };

describe('rendering a reply per channel', () => {
  it('numbers the options in plain text on SMS and says how to answer', () => {
    const [sms] = render(question, 'sms', t);
    assert.equal(
      sms.text,
      "Que souhaitez-vous faire ?\n1. Trouver un lieu\n2. Mes heures restantes\n3. Parler à quelqu'un\nRépondez 1, 2 ou 3.",
    );
    assert.equal(sms.suggestedActions, undefined);
    assert.equal(sms.attachments, undefined);
  });

  it('splits a long SMS into messages of at most 320 characters, between words', () => {
    const long = 'Un mot de plus. '.repeat(60);
    const parts = render({ text: long }, 'sms', t);
    assert.ok(parts.length > 1);
    for (const part of parts) assert.ok(part.text!.length <= SMS_MAX_CHARS);
    assert.equal(parts.map((p) => p.text).join(' '), long.trim());
  });

  it('gives Web Chat numbered buttons', () => {
    const [message] = render(question, 'webchat', t);
    assert.deepEqual(
      message.suggestedActions?.actions.map((a) => a.title),
      ['1. Trouver un lieu', '2. Mes heures restantes', "3. Parler à quelqu'un"],
    );
  });

  it('gives Teams an Adaptive Card whose buttons answer as if typed', () => {
    const [message] = render(question, 'teams', t);
    const card = message.attachments?.[0];
    assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
    const actions = (card?.content as { actions: { title: string; data: { msteams: { type: string; value: string } } }[] }).actions;
    assert.deepEqual(actions.map((a) => a.title), ['1. Trouver un lieu', '2. Mes heures restantes', "3. Parler à quelqu'un"]);
    assert.deepEqual(actions[1].data.msteams, { type: 'imBack', value: 'Mes heures restantes' });
    assert.equal(message.text, question.text);
  });
});

describe('splitting text', () => {
  it('cuts a word longer than a message rather than losing it', () => {
    assert.deepEqual(splitText('a'.repeat(25), 10), ['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
  });
});

describe('splitting text at line boundaries', () => {
  it('keeps each line whole in one message when it fits', () => {
    const lines = Array.from({ length: 6 }, (_, i) => `${i + 1}. ${'Lieu '.repeat(10).trim()}, Tél. 04 66 00 00 0${i}`);
    const parts = splitText(lines.join('\n'), 160);
    assert.ok(parts.length > 1);
    for (const part of parts) for (const line of part.split('\n')) assert.ok(lines.includes(line), line);
  });
});
