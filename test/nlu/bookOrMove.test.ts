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

  for (const text of ['reserver pour jeudi', 'je voudrais réserver vendredi matin', 'inscrivez-moi pour mardi', 'prendre rdv lundi']) {
    it(`« ${text} » books, and changes nothing`, () => assert.equal(bookOrMove(text), 'book'));
  }

  for (const text of ['réserver un autre jour pour mon rdv', 'reserver jeudi a la place de vendredi']) {
    it(`« ${text} » says a booking verb, but changes the session booked`, () => assert.equal(bookOrMove(text), 'move_booking'));
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

  it('leaves a ranking sure of another request as it is', () => {
    const ranked = [
      { intent: 'my_bookings' as const, score: 0.9 },
      { intent: 'move_booking' as const, score: 0.1 },
    ];
    assert.deepEqual(refineBookOrMove('un autre rdv', ranked), ranked);
  });

  it("makes a booking of words that add a session where the model found nothing or hesitated (a stranger's « une autre séance », issue 14)", () => {
    assert.deepEqual(refineBookOrMove('une autre séance', [{ intent: 'unknown', score: 1 }]), [{ intent: 'book', score: 1 }]);
    assert.deepEqual(
      refineBookOrMove('une seance de plus', [
        { intent: 'cancel_booking', score: 0.68 },
        { intent: 'book', score: 0.22 },
        { intent: 'bye', score: 0.1 },
      ]),
      [
        { intent: 'book', score: 0.68 + 0.22 },
        { intent: 'bye', score: 0.1 },
      ],
    );
    // Words that only change a session do not turn « nothing found » into a move.
    const unknown = [{ intent: 'unknown' as const, score: 1 }];
    assert.deepEqual(refineBookOrMove('un autre jour pour mon rdv', unknown), unknown);
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

    it('reads « une autre séance », « encore une seance », « une seance de plus » as a booking, sure enough to leave a question for it', () => {
      for (const text of ['une autre séance', 'encore une seance', 'une seance de plus', 'une séance en plus']) {
        const [best] = model.classify(text);
        assert.equal(best.intent, 'book', text);
        assert.ok(best.score >= 0.85, `${text}: ${best.score}`);
      }
    });

    it('reads « je peux plus venir vendredi », « jpeux plus venir lundi » as a cancellation, sure enough to leave a question for it, and « je peux venir vendredi » still as a booking', () => {
      for (const text of [
        'je peux plus venir vendredi',
        'jpeux plus venir lundi',
        'je pourrai plus venir demain',
        'je peu plus venir vendredi',
        'je pourais pas venir vendredi',
      ]) {
        const [best] = model.classify(text);
        assert.equal(best.intent, 'cancel_booking', text);
        assert.ok(best.score >= 0.85, `${text}: ${best.score}`);
      }
      assert.equal(model.classify('je peux venir vendredi')[0].intent, 'book');
      assert.equal(model.classify('je peux pas venir vendredi on peut decaler')[0].intent, 'move_booking');
    });

    it('reads « anuller mon rdv » (a letter doubled) as a cancellation, as « annuler mon rdv »', () => {
      assert.equal(model.classify('anuller mon rdv')[0].intent, 'cancel_booking');
    });

    it("reads « reserver pour jeudi » as a booking, sure enough to be a second wish (a stranger's « combien il me reste et reserver pour jeudi »)", () => {
      for (const text of ['reserver pour jeudi', 'réserver pour vendredi']) {
        const [best] = model.classify(text);
        assert.equal(best.intent, 'book', text);
        assert.ok(best.score >= 0.85, `${text}: ${best.score}`);
      }
    });

    it('leaves « réserver une table au restaurant » to the model: a booking verb alone overrules no other guess', () => {
      assert.deepEqual(refineBookOrMove('réserver une table au restaurant', [{ intent: 'unknown', score: 1 }]), [
        { intent: 'unknown', score: 1 },
      ]);
    });

    it('still reads « un autre jour » and « Quelle est la météo à Valence ce week-end ? » as nothing it knows', () => {
      assert.equal(model.classify('un autre jour')[0].intent, 'unknown');
      assert.equal(model.classify('Quelle est la météo à Valence ce week-end ?')[0].intent, 'unknown');
    });

    it('still reads « un autre jour pour mon rdv » and « je veux changer mon rdv » as a move', () => {
      assert.equal(model.classify('un autre jour pour mon rdv')[0].intent, 'move_booking');
      assert.equal(model.classify('je veux changer mon rdv')[0].intent, 'move_booking');
    });
  });
});
