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
  });

  it('reads none in requests and answers that only share a word with them', () => {
    for (const text of [
      'je veux parler a une vraie personne',
      'personne ne repond au telephone',
      'un lieu pres de chez moi',
      'je suis perdue',
      'apprendre a utiliser un ordinateur',
      'il me reste combien d heures',
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
});
