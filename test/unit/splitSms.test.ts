/** Packing a turn's SMS replies: no message over 320 characters, few billed segments, lists never cut. */
import assert from 'node:assert/strict';
import { segmentsOf, smsCost } from '../../src/channels/sms/segments';
import { MAX_CHARACTERS, splitSms } from '../../src/channels/sms/splitSms';

const list = '1. Oui\n2. Non\nRépondez 1 ou 2.';
/** A line of exactly `length` characters (GSM-7). */
const line = (length: number, letter = 'a') => letter.repeat(length);

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
    for (const message of messages) assert.ok(message.length <= MAX_CHARACTERS, `${message.length} characters`);
  });

  it('never sends a message over 320 characters, cutting between whole lines', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `Ligne ${i + 1} : ${'un mot '.repeat(8).trim()}.`);
    const messages = splitSms([{ text: lines.join('\n') }]);
    for (const message of messages) assert.ok(message.length <= MAX_CHARACTERS, `${message.length} characters`);
    assert.deepEqual(messages.join('\n').split('\n'), lines);
  });

  it('cuts where the turn costs least: 456 characters as 302 + 153 (3 segments), not 315 + 140 (4)', () => {
    // Three places of 100 characters, a line of 12, the question with its list in 140: as one message, 456 characters and 3 segments.
    const text = [line(100, 'a'), line(100, 'b'), line(100, 'c'), line(12, 'd')].join('\n');
    const blocks = [{ text }, { text: line(109, 'e'), list }];
    const messages = splitSms(blocks);
    assert.deepEqual(
      messages.map((m) => m.length),
      [302, 153],
    );
    assert.equal(segmentsOf(messages), 3);
    assert.equal(smsCost(messages.join('\n')).segments, 3, 'what the turn cost as one message of 456 characters');
  });

  it('fills the first message when two cuts cost the same', () => {
    const title = 'Près de Die :';
    const messages = splitSms([
      { text: [title, line(100, 'a'), line(100, 'b'), line(100, 'c')].join('\n') },
      { text: 'Et maintenant ?', list },
    ]);
    assert.deepEqual(messages, [[title, line(100, 'a'), line(100, 'b')].join('\n'), `${line(100, 'c')}\nEt maintenant ?\n${list}`]);
    assert.equal(segmentsOf(messages), 3);
  });

  it('never ends a message on « adressez-vous à : »: the contact goes with it (a stranger got it in the next SMS)', () => {
    // As after Gérard's last hour: the confirmation, who gives more hours, then the menu word.
    const booked = ["C'est réservé : mercredi 2 décembre à 11 h, Crest.", line(150, 'a'), "Il ne vous reste plus d'heure."].join('\n');
    const text = [
      booked,
      "Pour d'autres heures, adressez-vous à :",
      '- Espace social et culturel du Diois : 04 75 22 20 45',
      'Autre chose ? Écrivez MENU.',
    ];
    const messages = splitSms([{ text: text.join('\n') }]);
    assert.ok(messages.length > 1, 'the turn is two messages');
    for (const message of messages) assert.doesNotMatch(message, /:$/, message);
    assert.ok(messages.some((m) => m.includes('adressez-vous à :\n- Espace social')));
  });

  it('keeps a list of contacts with the line that announces it, and cuts before them', () => {
    const contacts = ['Pour parler à une personne :', `- ${line(90, 'b')} : 04 66 49 67 13`, `- ${line(60, 'c')} : 01 70 77 23 72`];
    const messages = splitSms([{ text: [line(200, 'a'), ...contacts, line(120, 'd')].join('\n') }]);
    assert.ok(
      messages.some((m) => m.includes(contacts.join('\n'))),
      messages.join('\n|\n'),
    );
    for (const message of messages) assert.ok(message.length <= MAX_CHARACTERS, `${message.length} characters`);
  });

  it('keeps the lines of a balance together (« Votre carnet : » and its bullets, the indented line under one)', () => {
    const balance = [
      'Votre carnet LOZ-MEND-E4L :',
      '- 6 heures restantes (60 €)',
      '- 3 heures déjà utilisées',
      '  dont 1 heure pour une absence',
    ];
    const messages = splitSms([{ text: [line(250, 'a'), ...balance, 'Autre chose ? Écrivez MENU.'].join('\n') }]);
    assert.ok(
      messages.some((m) => m.includes(balance.join('\n'))),
      messages.join('\n|\n'),
    );
  });

  it('cuts a paragraph longer than a message between sentences, not in the middle of one', () => {
    const sentences = Array.from({ length: 8 }, (_, i) => `Phrase ${i + 1} ${'mot '.repeat(8).trim()}.`);
    const messages = splitSms([{ text: sentences.join(' ') }]);
    assert.ok(messages.length > 1);
    for (const message of messages) assert.match(message, /\.$/, message);
  });

  it('cuts a line longer than a message between words, at two segments a part', () => {
    const words = Array.from({ length: 90 }, (_, i) => `mot${i}`).join(' ');
    const messages = splitSms([{ text: words }]);
    for (const message of messages) assert.ok(smsCost(message).segments <= 2, `${message.length} characters`);
    assert.equal(messages.join(' '), words);
  });
});
