import assert from 'node:assert/strict';
import { type SubmitData, submittedText } from '../../src/bot/teamsSubmit';
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
    for (const part of parts) assert.ok(part.text!.length <= 320, `${part.text!.length} characters`);
    assert.equal(parts.map((p) => p.text).join(' '), long.trim());
  });

  it('gives Web Chat numbered buttons', () => {
    const [message] = render(question, 'webchat', t);
    assert.deepEqual(
      message.suggestedActions?.actions.map((a) => a.title),
      ['1. Trouver un lieu', '2. Mes heures restantes', "3. Parler à quelqu'un"],
    );
  });

  it('gives Teams one Adaptive Card whose buttons post their label back (messageBack, and the value alone on mobile)', () => {
    const [message, ...more] = render(question, 'teams', t);
    assert.equal(more.length, 0);
    const card = message.attachments?.[0];
    assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
    const content = card?.content as { fallbackText: string; actions: { title: string; data: SubmitData }[] };
    assert.deepEqual(
      content.actions.map((a) => a.title),
      ['1. Trouver un lieu', '2. Mes heures restantes', "3. Parler à quelqu'un"],
    );
    const data = content.actions[1].data;
    assert.deepEqual(data.msteams, {
      type: 'messageBack',
      displayText: 'Mes heures restantes',
      text: 'Mes heures restantes',
      value: { choice: 'Mes heures restantes' },
    });
    assert.equal(submittedText(data), 'Mes heures restantes', 'the value alone (mobile) says the label');
    assert.equal(submittedText(data.msteams?.value), 'Mes heures restantes', 'the messageBack value says it too');
    // Teams would show an activity's text above its card: the message would read twice.
    assert.equal(message.text, undefined);
    assert.match(content.fallbackText, /^Que souhaitez-vous faire/);
  });
});

describe('rendering for a screen', () => {
  it('keeps « menu » whole on Web Chat and Teams (non-breaking spaces inside the guillemets), not on SMS', () => {
    const reply = { text: 'Écrivez « menu » pour revenir au début.' };
    assert.equal(render(reply, 'webchat', t)[0].text, 'Écrivez «\u00a0menu\u00a0» pour revenir au début.');
    assert.doesNotMatch(render(reply, 'sms', t)[0].text!, /\u00a0/);
  });

  it('puts the full options in the message and short labels on the buttons', () => {
    const reply = {
      text: 'Quelle séance ?',
      choices: ['mer. 2 déc. 14h', 'Un autre lieu'],
      details: ['mercredi 2 décembre à 14h00', 'Un autre lieu'],
    };
    const [web] = render(reply, 'webchat', t);
    assert.equal(web.text, 'Quelle séance ?\n1. mercredi 2 décembre à 14h00');
    assert.deepEqual(
      web.suggestedActions?.actions.map((a) => a.title),
      ['1. mer. 2 déc. 14h', '2. Un autre lieu'],
    );
    assert.match(render(reply, 'sms', t)[0].text!, /^Quelle séance \?\n1\. mercredi 2 décembre à 14h00\n2\. Un autre lieu\n/);
  });

  it('on SMS, lists the short labels when the options in full would not fit one message with their question', () => {
    const days = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'];
    const reply = {
      text: 'Séances libres à la Maison Ouverte Sociale Artistique Intergénérationnelle (Saint-Paul-Trois-Châteaux, 3 km). Quel moment ?',
      choices: [...days.map((day) => `${day.slice(0, 3)}. 30 nov. 10 h 30`), "Voir d'autres dates", 'Un autre lieu'],
      details: [...days.map((day) => `${day} 30 novembre à 10 h 30`), "Voir d'autres dates", 'Un autre lieu'],
    };
    const [sms, ...more] = render(reply, 'sms', t);
    assert.equal(more.length, 0, 'the question and its list in one message');
    assert.match(sms.text!, /\n1\. lun\. 30 nov\. 10 h 30\n[\s\S]*\n7\. Un autre lieu\nRépondez de 1 à 7\.$/);
    assert.ok(sms.text!.length <= 320, `${sms.text!.length} characters`);
  });

  it('keeps a phone number on one line on a screen', () => {
    assert.equal(render({ text: 'Tél. 04 66 42 61 47.' }, 'webchat', t)[0].text, 'Tél. 04\u00a066\u00a042\u00a061\u00a047.');
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
