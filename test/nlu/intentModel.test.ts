import assert from 'node:assert/strict';
import { join } from 'node:path';
import { evaluate, readLabelledSet } from '../../src/nlu/evaluation';
import { createIntentRecognizer, type IntentRecognizer } from '../../src/nlu/intentModel';
import { saysProfessional, trainingPhrases } from '../../src/nlu/intentLexicon';

/** The project's held-out phrasings (never training phrases: see trainingData.test.ts). */
export const TEST_SET = join(__dirname, '..', '..', '..', 'test', 'nlu', 'test.tsv');

describe('intent model', () => {
  let model: IntentRecognizer;

  before(async () => {
    model = await createIntentRecognizer();
  });

  function intentOf(text: string): string {
    return model.recognize(text).intent;
  }

  it('trains from locales/fr/intents.json and answers with an intent, a score and entities', () => {
    const result = model.recognize('Je voudrais réserver une séance');
    assert.equal(result.text, 'Je voudrais réserver une séance');
    assert.equal(result.intent, 'book');
    assert.ok(result.score > 0.5 && result.score <= 1);
    assert.deepEqual(result.entities, []);
  });

  it('maps everyday phrasings to their flows', () => {
    assert.equal(intentOf('Bonjour'), 'greeting');
    assert.equal(intentOf("C'est quoi le pass numérique ?"), 'about');
    assert.equal(intentOf('Est-ce que je peux avoir le chéquier ?'), 'eligibility');
    assert.equal(intentOf('Je cherche un lieu à Marvejols'), 'find_place');
    assert.equal(intentOf("Combien d'heures me reste-t-il ?"), 'balance');
    assert.equal(intentOf('Je veux prendre rendez-vous'), 'book');
    assert.equal(intentOf('Quand est mon prochain rendez-vous ?'), 'my_bookings');
    assert.equal(intentOf('Je dois annuler ma séance'), 'cancel_booking');
    assert.equal(intentOf("Je veux parler à quelqu'un"), 'human');
    assert.equal(intentOf('Supprimez mes données personnelles'), 'privacy');
    assert.equal(intentOf("J'ai besoin d'aide"), 'help');
    assert.equal(intentOf('Retour au menu'), 'menu');
    assert.equal(intentOf('Merci, au revoir'), 'bye');
    assert.equal(intentOf('Prescrire un chéquier à Mme Dupont'), 'prescribe');
  });

  it('understands SMS style: no accents, « rdv », « cb », « jvoudrais », « chui », « stp »', () => {
    assert.equal(intentOf('jvoudrais un rdv stp'), 'book');
    assert.equal(intentOf('cb dheure il me reste'), 'balance');
    assert.equal(intentOf('c quand mon rdv'), 'my_bookings');
    assert.equal(intentOf('chui perdu'), 'help');
    assert.equal(intentOf('annuler mon rdv'), 'cancel_booking');
    assert.equal(intentOf('ou se former a mende'), 'find_place');
  });

  it('forgives a typo in a word it knows', () => {
    assert.equal(intentOf('je voudrais resever une seanse'), 'book');
    assert.equal(intentOf('combien dheures me restes'), 'balance');
  });

  it('reads a request after an opening greeting, and a greeting with small talk as a greeting', () => {
    assert.equal(intentOf('bonjour je voudrai prendre rdv vendredi matin a mende svp'), 'book');
    assert.equal(intentOf('Bonjour madame, je voudrais annuler mon rendez-vous'), 'cancel_booking');
    assert.equal(intentOf('bonjour madame'), 'greeting');
    assert.equal(intentOf("bonjour je m'appelle Jeanne"), 'greeting');
  });

  it('reads a request the model is surer of than of the greeting before it: « bonjour je voudrai savoir si je suis eligible »', () => {
    assert.equal(intentOf('bonjour je voudrai savoir si je suis eligible'), 'eligibility');
    assert.equal(intentOf('BONJOUR JE VOUDRAI SAVOIR SI JE SUIS ELIGIBLE'), 'eligibility');
    assert.equal(intentOf('bonjour ca va'), 'greeting');
    assert.equal(intentOf("bonjour c'est encore moi"), 'greeting');
  });

  it('answers « unknown » to what the assistant does not do', () => {
    assert.equal(intentOf('Quelle est la météo à Valence ce week-end ?'), 'unknown');
    assert.equal(intentOf('Qui a gagné la coupe du monde ?'), 'unknown');
    assert.equal(intentOf('azertyuiop qsdfghjklm'), 'unknown');
  });

  it('answers « unknown » to a message that only names a place, a number or nothing', () => {
    assert.equal(intentOf('Mende'), 'unknown');
    assert.equal(intentOf('2'), 'unknown');
    assert.equal(intentOf(''), 'unknown');
    assert.equal(intentOf('🙂🙂'), 'unknown');
  });

  it('reads « c’est pour moi ? » alone as eligibility, though it holds only function words; « et pour moi ? » stays unknown', () => {
    for (const text of ['c’est pour moi ?', 'est-ce que c’est pour moi ?', 'c est pour nous'])
      assert.equal(intentOf(text), 'eligibility', text);
    assert.equal(intentOf('et pour moi ?'), 'unknown');
  });

  it('reads a job stated for oneself as eligibility, not professional access: « je suis agent d’entretien à la mairie »', () => {
    for (const text of [
      'je suis agent d’entretien à la mairie',
      'je suis agent d’entretien à la mairie, est-ce que je peux avoir le pass ?',
      'je travaille à la mairie comme agent d’entretien',
      'je suis jardinier à la mairie',
      'je suis employée de mairie, est-ce que je peux en bénéficier',
    ]) {
      assert.equal(intentOf(text), 'eligibility', text);
    }
  });

  it('keeps professional access for a social worker, a trainer or a prescriber asking for theirs', () => {
    for (const text of [
      'je suis travailleuse sociale au CMS de Valence',
      'je suis secrétaire de mairie a Mende',
      'je suis agent d accueil en mairie',
      'je suis formateur, comment je me connecte',
      'je travaille au CCAS',
    ]) {
      assert.equal(intentOf(text), 'pro_access', text);
    }
  });

  it('never takes professional access away from a training or held-out phrase of it: each says a role, a structure or an access', () => {
    const held = readLabelledSet(TEST_SET).filter((p) => p.intent === 'pro_access');
    const phrases = [...trainingPhrases().pro_access, ...held.map((p) => p.text)];
    assert.deepEqual(
      phrases.filter((text) => !saysProfessional(text)),
      [],
    );
  });

  it('reads a scam told as scam, and learning about scams as a session (issue 14)', () => {
    assert.equal(intentOf('au secours jai recu un sms bizarre qui me demande mon code de carte bleue cest vous ?'), 'scam');
    assert.equal(intentOf('mon compte a été piraté'), 'scam');
    assert.equal(intentOf('un faux conseiller veut mes codes'), 'scam');
    assert.equal(intentOf('apprendre à reconnaître les arnaques'), 'book');
  });

  it('reads someone sent by a relative as a greeting, never their data to erase (a stranger’s « mon fils m a dit de vous ecrire »)', () => {
    // The model read scam (0.997), which names no fraud: its next reading, privacy at 0.003, took the whole score.
    for (const text of ['mon fils m a dit de vous ecrire', 'ma fille m a dit de vous ecrire', 'on m a dit de vous ecrire'])
      assert.equal(intentOf(text), 'greeting', text);
  });

  it('reads another carnet asked for as renew, not the balance, a cancellation or « je n’ai pas compris » (issue 14)', () => {
    assert.equal(intentOf('pourquoi il marche plus mon carnet'), 'renew');
    assert.equal(intentOf('je peux en avoir dautres des cheques'), 'renew');
    assert.equal(intentOf('comment jen ai un nouveau'), 'renew');
    // How many hours a new carnet holds is the balance, whatever « nouveau » says.
    assert.equal(intentOf('le monsieur m a donne un nouveau carnet jai combien d heures'), 'balance');
  });

  it('never reads « téléphone » alone as a request for a person: « apprendre le téléphone » is a subject (issue 14)', () => {
    for (const text of ['le telephone', 'apprendre le telephone', 'apprendre a utiliser mon portable', 'mon telephone']) {
      assert.notEqual(intentOf(text), 'human', text);
    }
    assert.equal(intentOf('je veux parler a quelquun'), 'human');
    assert.equal(intentOf('cest quoi le numero'), 'human');
    assert.equal(intentOf('je veux téléphoner'), 'human');
  });

  it('stays calm on a 2,000-character message', () => {
    const result = model.recognize('je voudrais réserver '.repeat(100));
    assert.equal(result.intent, 'book');
  });

  it('keeps a request what it is when a commune is added: « reserver un rdv a chirac svp » is a booking', () => {
    for (const text of [
      'reserver un rdv a chirac svp',
      'je voudrais prendre un rdv a chirac pour apprendre le telephone',
      'prendre rdv a mende',
      'je veux un rdv a chirac',
      'Réserver un créneau jeudi matin a Chirac',
      // A stranger's « reserver a chirac » got the places nearest Chirac: « réserver » alone is a booking less sure than 0.9.
      'reserver a chirac',
      'réservation à Mende',
    ]) {
      assert.equal(intentOf(text), 'book', text);
    }
  });

  it('still finds places for a commune asked about: « un lieu a mende », « LIEU A VALENCE »', () => {
    for (const text of ['un lieu a mende', 'LIEU A VALENCE', 'ya quoi comme lieu a mende', "J'habite à Montélimar, où me former ?"]) {
      assert.equal(intentOf(text), 'find_place', text);
    }
  });

  it('keeps 9 held-out requests in 10 what they are when « a Chirac », « a Mende svp » or « pres de Crest » is added', () => {
    const kept: boolean[] = [];
    for (const { text, intent } of readLabelledSet(TEST_SET)) {
      // Requests where a commune adds a « where » (finding a place is about where; greetings and goodbyes are not requests).
      if (['find_place', 'unknown', 'greeting', 'bye', 'menu', 'help'].includes(intent) || intentOf(text) !== intent) continue;
      for (const where of [' a Chirac', ' a Mende svp', ' pres de Crest']) kept.push(intentOf(text + where) === intent);
    }
    const share = kept.filter(Boolean).length / kept.length;
    // Before a commune was read as « where » only, 87 % were kept (« Réserver un créneau jeudi matin a Chirac » → find_place).
    assert.ok(share >= 0.9, `${(share * 100).toFixed(1)} % kept`);
  });

  it('gets at least 90% of the held-out test set right', () => {
    const result = evaluate(model, readLabelledSet(TEST_SET));
    assert.ok(result.accuracy >= 0.9, `accuracy ${result.accuracy.toFixed(3)} on ${TEST_SET}`);
  });
});
