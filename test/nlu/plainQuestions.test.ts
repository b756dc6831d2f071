import assert from 'node:assert/strict';
import { plainQuestionIn, saysNewHere } from '../../src/nlu/plainQuestions';

describe('plain questions answered wherever they are asked (src/nlu/plainQuestions.ts)', () => {
  it('reads the questions a stranger asked, as elderly people type them', () => {
    assert.equal(plainQuestionIn('c est un robot qui repond ?'), 'whoAnswers');
    assert.equal(plainQuestionIn('ALLO Y A QUELQU UN'), 'whoAnswers');
    assert.equal(plainQuestionIn('et c est qui qui me repond la, un robot ?'), 'whoAnswers');
    assert.equal(plainQuestionIn('et les heures ca se perd ?'), 'hoursExpire');
    assert.equal(plainQuestionIn('est ce que mes heures se perdent'), 'hoursExpire');
    assert.equal(plainQuestionIn('est ce que quelqu un peut venir chez moi je peux plus conduire'), 'homeVisit');
    assert.equal(plainQuestionIn('jai pas d ordi'), 'noComputer');
    assert.equal(plainQuestionIn("je n'ai pas d'ordinateur"), 'noComputer');
    assert.equal(plainQuestionIn('allo ya quelqu un'), 'whoAnswers');
  });

  it('reads the questions of a session, of a computer needed and of what an SMS costs, in several phrasings', () => {
    for (const text of ['faut avoir un ordi ?', 'il faut un ordinateur?', "Est-ce qu'il faut apporter mon ordinateur ?"])
      assert.equal(plainQuestionIn(text), 'noComputer', text);
    for (const text of ['une seance ca dure combien', 'Ça dure combien de temps une séance ?', 'combien de temps dure un rdv'])
      assert.equal(plainQuestionIn(text), 'sessionLength', text);
    for (const text of [
      'et je peux faire plusieurs seances le meme jour',
      'on peut faire 2 seances dans la journee ?',
      'deux heures d affilee ca se peut',
    ])
      assert.equal(plainQuestionIn(text), 'severalSameDay', text);
    for (const text of ['c payant de vous repondre ?', 'les sms c est payant ?', "c'est payant de vous écrire ?"])
      assert.equal(plainQuestionIn(text), 'smsCost', text);
  });

  it('reads none in requests and answers that only share a word with them', () => {
    for (const text of [
      'je veux parler a une vraie personne',
      'personne ne repond au telephone',
      'un lieu pres de chez moi',
      'je suis perdue',
      'apprendre a utiliser un ordinateur',
      'il me reste combien d heures',
      'c est payant ?',
      'combien ca coute le pass',
      'je voudrais un rdv de deux heures',
      'est ce qu il y a quelqu un a mende qui peut m aider pour mes papiers',
      'oui',
    ])
      assert.equal(plainQuestionIn(text), undefined, text);
  });

  it('reads being sent here by someone in a short message, not in one that asks for more', () => {
    assert.ok(saysNewHere('mon fils m a dit de vous ecrire'));
    assert.ok(saysNewHere('ma fille m a donne ce numero'));
    assert.ok(!saysNewHere('ma fille m a donne ce numero pour prendre un rdv jeudi'));
    assert.ok(!saysNewHere('bonjour'));
  });

  it('reads a question for a relative, the way people type it, and not a request of their own or a relative who sent them', () => {
    for (const text of [
      'ma mere n a pas internet',
      'c est pour mon pere il a 85 ans',
      'c pour ma mere elle a 90 ans elle habite florac',
      'ma maman habite a crest elle sait pas se servir d internet',
      'mon pere n a pas d ordinateur',
      'le pass pour ma grand mere',
      'Est-ce que mon mari peut avoir le pass ?',
    ])
      assert.equal(plainQuestionIn(text), 'forRelative', text);
    for (const text of ['mon fils m a dit de vous ecrire', 'je voudrais un rdv pour ma mere', 'ma mere', 'ma fille m a donne ce numero'])
      assert.notEqual(plainQuestionIn(text), 'forRelative', text);
  });
});
