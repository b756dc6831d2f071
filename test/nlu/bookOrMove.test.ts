import assert from 'node:assert/strict';
import { bookOrMove, refineBookOrMove } from '../../src/nlu/bookOrMove';
import { createIntentRecognizer, type IntentRecognizer } from '../../src/nlu/intentModel';

describe('book or move: the words that add or change decide, not « autre » alone', () => {
  for (const text of [
    'un autre rdv',
    'je voudrais un autre rendez-vous',
    'jvoudrais un autre rdv stp',
    'encore un rdv',
    'encore une séance',
    'un deuxième rendez-vous',
    'une 2eme seance',
    'un rdv en plus',
    'je voudrais une séance de plus',
    'une séance supplémentaire',
    'un rdv en plus de mon rdv de vendredi',
    'une autre petite séance',
  ]) {
    it(`« ${text} » asks for one more session`, () => assert.equal(bookOrMove(text), 'book'));
  }

  for (const text of [
    'changer mon rdv',
    'je voudrais déplacer ma séance',
    'reporter mon rendez-vous',
    'un autre jour pour mon rdv',
    'un autre créneau pour mon rdv svp',
    'prendre un autre créneau à la place du mien',
    'un autre rdv à la place de celui de vendredi',
    'en plus je voudrais décaler mon rdv',
  ]) {
    it(`« ${text} » changes the session booked`, () => assert.equal(bookOrMove(text), 'move_booking'));
  }

  for (const text of ['je voudrais venir un autre jour', 'un autre jour', 'encore merci', 'autre chose']) {
    it(`« ${text} » names no session: the model decides`, () => assert.equal(bookOrMove(text), undefined));
  }

  it('gives the intent the words say both scores of the model, which was sure of booking or moving, not which', () => {
    const ranked = refineBookOrMove('je voudrais un autre rendez-vous', [
      { intent: 'move_booking', score: 0.56 },
      { intent: 'book', score: 0.39 },
      { intent: 'help', score: 0.05 },
    ]);
    assert.deepEqual(ranked, [
      { intent: 'book', score: 0.56 + 0.39 },
      { intent: 'help', score: 0.05 },
    ]);
  });

  it('leaves a ranking whose best guess is neither booking nor moving as it is', () => {
    const ranked = [
      { intent: 'my_bookings' as const, score: 0.7 },
      { intent: 'move_booking' as const, score: 0.3 },
    ];
    assert.deepEqual(refineBookOrMove('un autre rdv', ranked), ranked);
  });

  describe('in the intent model', () => {
    let model: IntentRecognizer;
    before(async () => {
      model = await createIntentRecognizer();
    });

    it('reads « un autre rdv » and « je voudrais un autre rendez-vous » as a booking, sure enough to leave a question for it', () => {
      for (const text of ['un autre rdv', 'je voudrais un autre rendez-vous']) {
        const [best] = model.classify(text);
        assert.equal(best.intent, 'book', text);
        assert.ok(best.score >= 0.85, `${text}: ${best.score}`);
      }
    });

    it('still reads « un autre jour pour mon rdv » and « je veux changer mon rdv » as a move', () => {
      assert.equal(model.classify('un autre jour pour mon rdv')[0].intent, 'move_booking');
      assert.equal(model.classify('je veux changer mon rdv')[0].intent, 'move_booking');
    });
  });
});
