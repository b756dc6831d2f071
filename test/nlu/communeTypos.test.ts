import assert from 'node:assert/strict';
import { communes } from '../../src/data/communes';
import { french } from '../../src/i18n';
import { loadProgrammes } from '../../src/data/programmes';
import { oneSlipApart, servedCommunesTypedWithSlip } from '../../src/nlu/communeTypos';
import { readLabelledSet } from '../../src/nlu/evaluation';
import { ordinaryWords, trainingPhrases } from '../../src/nlu/intentLexicon';
import { type UnderstandContext, understand } from '../../src/nlu/understand';
import { TEST_SET } from './intentModel.test';

/** Wednesday 2 December 2026, the day the tester found the fault. */
const NOW = new Date('2026-12-02T08:37:00+01:00');
const programmes = loadProgrammes();
const SERVED = programmes.map((p) => p.departement.code);

function communesOf(text: string, context: Partial<UnderstandContext> = {}): string[] | undefined {
  return understand(text, { now: NOW, programmes, ...context }).entities.commune?.candidates.map((c) => c.name);
}

describe('a served commune typed with one slip', () => {
  describe('is found anywhere in a sentence, not only after « à », « vers », « habite »', () => {
    for (const [text, commune] of [
      ['un rdv mnde jeudi', 'Mende'],
      ['florak svp', 'Florac Trois Rivières'],
      ["c'est pour valance", 'Valence'],
      ['cest pour valance', 'Valence'],
      ['une seance a crets lundi', 'Crest'],
      ['je vis langone', 'Langogne'],
      ['romams', 'Romans-sur-Isère'],
    ] as const) {
      it(`« ${text} » → ${commune} alone, at the menu, at the session list and at the commune question`, () => {
        assert.deepEqual(communesOf(text), [commune]);
        assert.deepEqual(communesOf(text, { expecting: 'when' }), [commune]);
        assert.deepEqual(communesOf(text, { expecting: 'commune' }), [commune]);
      });
    }
  });

  it('said alone at the commune question, is that commune, not a list of look-alikes (« mnde » was Mende, Mirmande, Saint-Andéol…)', () => {
    for (const [text, commune] of [
      ['mnde', 'Mende'],
      ['à mnde', 'Mende'],
      ['florak', 'Florac Trois Rivières'],
      ['valance', 'Valence'],
      ['crets', 'Crest'],
      ['langone', 'Langogne'],
    ] as const) {
      assert.deepEqual(communesOf(text, { expecting: 'commune' }), [commune], text);
    }
  });

  describe('is never read in an ordinary word', () => {
    for (const text of [
      'tout le monde',
      'il m’a dit de venir',
      'on me dit que c’est gratuit',
      'cest bon',
      'une grande salle',
      'je lis un roman',
      'au marché de noël',
      'les autres jours',
      'la barrière est fermée',
      'aller à la culture',
      'je vais aller chez ma fille',
      'tondre les pelouses',
      'les terres',
    ]) {
      it(`« ${text} »: no commune`, () => {
        assert.equal(communesOf(text), undefined);
        assert.equal(communesOf(text, { expecting: 'when' }), undefined);
      });
    }

    it('« die » is Die, typed as it is; « dit », « dire », « dis » are no slip of it: a name of three letters is too short to guess', () => {
      assert.deepEqual(communesOf('die'), ['Die']);
      for (const word of ['dit', 'dire', 'dis', 'diet']) assert.equal(communesOf(`il ${word}`), undefined, word);
    });

    it('« monde », « grande », « cest », « roman » are one slip from Mende, Grâne, Crest, Romans: the list of ordinary words is what keeps them words', () => {
      for (const [word, name] of [
        ['monde', 'mende'],
        ['grande', 'grane'],
        ['cest', 'crest'],
        ['roman', 'romans'],
      ]) {
        assert.ok(oneSlipApart(word, name), `${word} ~ ${name}`);
        assert.ok(ordinaryWords().has(word), word);
      }
    });

    it('names no commune with any word of the list of ordinary words', () => {
      const index = communes();
      const listed = french()('intents:ordinaryWords.words', { returnObjects: true }) as string[];
      assert.ok(listed.length > 100);
      for (const word of listed) assert.deepEqual(servedCommunesTypedWithSlip(index, `le ${word}`, SERVED), [], word);
    });
  });

  it('is no commune of elsewhere in France one slip from a served one: « Bordeaux » is not Bourdeaux (26)', () => {
    assert.equal(communesOf('je vais à bordeaux'), undefined);
    assert.equal(communesOf('bordeaux', { expecting: 'commune' })?.[0], 'Bordeaux');
  });

  it('is no part of a carnet number: « LOZ-MEND-E4L » is no Mende, but « pour valance » is no carnet either', () => {
    assert.equal(communesOf('LOZ-MEND-E4L'), undefined);
    assert.equal(communesOf('mon carnet loz mend e4l'), undefined);
    assert.deepEqual(communesOf('pour valance'), ['Valence']);
  });

  it('counts one edit: a letter missing, extra, wrong, or two neighbours swapped; never two edits, never the name itself', () => {
    for (const [typed, name] of [
      ['mnde', 'mende'],
      ['florak', 'florac'],
      ['crets', 'crest'],
      ['langone', 'langogne'],
      ['valencee', 'valence'],
    ]) {
      assert.ok(oneSlipApart(typed, name), `${typed} ~ ${name}`);
    }
    for (const [typed, name] of [
      ['mende', 'mende'],
      ['mnd', 'mende'],
      ['cetrs', 'crest'],
      ['valanse', 'valence'],
    ]) {
      assert.ok(!oneSlipApart(typed, name), `${typed} !~ ${name}`);
    }
  });

  it('reads none in the held-out set and the training phrases, which name no commune with a slip (false positives: none)', () => {
    const index = communes();
    const phrases = [...readLabelledSet(TEST_SET).map((p) => p.text), ...Object.values(trainingPhrases()).flat()];
    assert.ok(phrases.length > 1000);
    assert.deepEqual(
      phrases.filter((text) => servedCommunesTypedWithSlip(index, text, SERVED).length > 0),
      [],
    );
  });
});
