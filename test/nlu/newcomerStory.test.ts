/**
 * A newcomer's story (src/nlu/newcomerStory.ts): a long message telling who
 * the person is, naming no account of theirs, is the eligibility's — never
 * the carnet question of « mes rendez-vous », as the model read it.
 */
import assert from 'node:assert/strict';
import { loadProgrammes } from '../../src/data/programmes';
import { tellsNewcomerStory } from '../../src/nlu/newcomerStory';
import { understand } from '../../src/nlu/understand';

const NOW = new Date('2026-12-02T08:37:00+01:00');
const programmes = loadProgrammes(['lozere', 'drome']);
const story = (text: string) => tellsNewcomerStory(understand(text, { now: NOW, programmes }));

describe("a newcomer's story", () => {
  for (const text of [
    'bonjour je m appelle jeanne j ai 78 ans je vis seule a florac et mon fils m a dit que je pouvais avoir de l aide pour apprendre a me servir de ma tablette',
    "bonjour j'ai 82 ans je suis à la retraite à Crest et ma fille m'a parlé de vous pour internet",
    'je suis au rsa depuis deux ans et je ne sais pas du tout me servir d un ordinateur, on m a dit de vous ecrire',
    "bonjour je m'appelle jeanne, j'ai 78 ans, je vis seule à Florac, je voudrais apprendre à me servir de ma tablette",
  ]) {
    it(`« ${text} » is a newcomer's`, () => assert.equal(story(text), true));
  }

  for (const text of [
    "j'ai 70 ans",
    'je suis au rsa depuis deux ans',
    'bonjour je m appelle martine j ai 68 ans combien il me reste sur mon carnet',
    "j'ai 78 ans et je voudrais un rdv a florac jeudi pour la tablette",
    'bonjour j ai 75 ans je voudrais annuler ma seance de vendredi a mende svp',
    'LOZ-MEND-E4L 12/04/1958 j ai 68 ans et je voudrais apprendre la tablette a florac',
    'Quelle est la météo à Valence ce week-end ?',
    'bonjour je vis a florac et je voudrais apprendre a me servir de ma tablette',
    // One fact and a wish to learn: maybe someone with a carnet (theme-visio-in-a-life-story-sms.yaml).
    'bonjour je suis a la retraite et ma fille habite loin je voudrai apprendre a faire des visio avec elle',
  ]) {
    it(`« ${text} » is not`, () => assert.equal(story(text), false));
  }
});
