import assert from 'node:assert/strict';
import { sideQuestionIn } from '../../src/nlu/conversationSignals';

describe('side questions asked at a question (src/nlu/conversationSignals.ts sideQuestionIn)', () => {
  it('reads the questions strangers asked at the eligibility and département questions', () => {
    assert.equal(sideQuestionIn('c est payant ?'), 'cost');
    assert.equal(sideQuestionIn('ça coûte combien ?'), 'cost');
    assert.equal(sideQuestionIn('c est qui qui decide ?'), 'whoDecides');
    assert.equal(sideQuestionIn('pourquoi vous demandez ca ?'), 'whyAsked');
    assert.equal(sideQuestionIn('Pourquoi vous me demandez ça ?'), 'whyAsked');
    assert.equal(sideQuestionIn('c est obligatoire ?'), 'mandatory');
    assert.equal(sideQuestionIn('je suis obligée de répondre ?'), 'mandatory');
  });

  it('reads « pourquoi ? » alone as why the question is asked, never « pourquoi » inside a question of its own', () => {
    for (const text of ['pourquoi ?', 'Pourquoi', 'pk ?', 'mais pourquoi ?']) assert.equal(sideQuestionIn(text), 'whyAsked', text);
    for (const text of ['pourquoi il a expiré ?', 'pourquoi pas', 'pourquoi on m a enleve une heure'])
      assert.equal(sideQuestionIn(text), undefined, text);
  });

  it('reads none in an answer, nor in a long message that says more', () => {
    for (const text of ['oui', 'un peu', 'Mende', 'je sais pas', 'pourquoi pas', 'lozere', '48000'])
      assert.equal(sideQuestionIn(text), undefined, text);
    assert.equal(sideQuestionIn('je voudrais savoir si c est payant parce que je n ai pas beaucoup d argent ce mois ci'), undefined);
  });
});
