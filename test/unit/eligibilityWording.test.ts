import assert from 'node:assert/strict';
import { availableProgrammeIds, loadProgrammes } from '../../src/data/programmes';
import { french } from '../../src/i18n';

describe('eligibility questions of every preset', () => {
  const t = french();
  for (const programme of loadProgrammes(availableProgrammeIds())) {
    it(`has French wording for every question and answer of ${programme.id}`, () => {
      for (const question of programme.eligibility.questions) {
        assert.doesNotThrow(() => t(`eligibility:${question.text}`), question.text);
        for (const choice of question.choices) assert.doesNotThrow(() => t(`eligibility:${choice.label}`), choice.label);
      }
    });

    it(`says back every situation ${programme.id} names as welcome`, () => {
      for (const situation of programme.welcomes)
        assert.doesNotThrow(() => t(`eligibility:welcome.${situation}`, { name: programme.name }), situation);
    });

    it(`can reach a conclusion in ${programme.id}: some answer leads past the last question`, () => {
      const last = programme.eligibility.questions[programme.eligibility.questions.length - 1];
      assert.ok(last.choices.some((c) => c.then === 'next' || c.then === 'likely'));
    });
  }
});
