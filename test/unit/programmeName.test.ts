/**
 * The programme's name comes from its data alone (« Pass Numérique » in
 * Lozère, « Pass'numérique » in the Drôme): every sentence says `{{pass}}`,
 * which the translator fills with the programme the turn speaks for
 * (src/programmeScope.ts), or the generic « Pass numérique » when it does
 * not know it. No locale text a user reads writes a name itself.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadProgrammes } from '../../src/data/programmes';
import { french } from '../../src/i18n';
import { inProgramme, knowProgramme } from '../../src/programmeScope';
import { coordinationContact } from '../../dialogs/pro/proFormat';

const LOCALES = path.join(__dirname, '..', '..', '..', 'locales', 'fr');
/** Words people type, not sentences the bot says: the intents' phrases, the menu's synonyms. */
const NOT_SAID = new Set(['intents.json']);
const SAID_ONLY_AS_GENERIC = new Set(['eligibility.json:pass_name']);
const A_NAME = /pass[\s'’]?num[ée]rique/i;

/** Every string of a locale file with its key path, and whether it sits in a list. */
function* strings(value: unknown, key: string, inList = false): Generator<{ key: string; text: string; inList: boolean }> {
  if (typeof value === 'string') yield { key, text: value, inList };
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${key}.${i}`, true);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, key ? `${key}.${k}` : k, inList);
}

function localeStrings() {
  return readdirSync(LOCALES)
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => [...strings(JSON.parse(readFileSync(path.join(LOCALES, file), 'utf8')), '')].map((s) => ({ file, ...s })));
}

describe('the programme name, from its data', () => {
  const t = french();
  const programmes = loadProgrammes(['lozere', 'drome']);
  const [lozere, drome] = programmes;

  it('no sentence of locales/fr writes a programme name: each says {{pass}}', () => {
    const literal = localeStrings().filter(
      (s) =>
        !NOT_SAID.has(s.file) &&
        !SAID_ONLY_AS_GENERIC.has(`${s.file}:${s.key}`) &&
        !s.key.startsWith('menu_synonyms.') &&
        A_NAME.test(s.text),
    );
    assert.deepEqual(
      literal.map((s) => `${s.file}:${s.key}`),
      [],
    );
  });

  it('{{pass}} only in plain sentences, never in a list read whole (the translator leaves those as kept)', () => {
    const inLists = localeStrings().filter((s) => s.inList && s.text.includes('{{pass}}'));
    assert.deepEqual(
      inLists.map((s) => `${s.file}:${s.key}`),
      [],
    );
  });

  it('names the programme the turn speaks for, and the generic name outside any', async () => {
    const reminder = () => t('reminders:confirmation.cancelled', { when: 'vendredi 4 décembre à 9 h' });
    assert.match(reminder(), /^Votre séance du Pass numérique du vendredi/);
    assert.match(await inProgramme(drome.name, async () => reminder()), /^Votre séance du Pass'numérique du vendredi/);
    assert.match(await inProgramme(lozere.name, async () => reminder()), /^Votre séance du Pass Numérique du vendredi/);
    // The compiled sentence keeps no name of its own from one call to the next.
    assert.match(reminder(), /^Votre séance du Pass numérique du vendredi/);
  });

  it('learns the programme during a turn: the sentences after it name it', async () => {
    const said = await inProgramme(undefined, async () => {
      const before = t('menu.about');
      knowProgramme(drome.name);
      return [before, t('menu.about'), t('sms:help')];
    });
    assert.equal(said[0], 'Le Pass numérique');
    assert.equal(said[1], "Le Pass'numérique");
    assert.match(said[2], /^Assistant du Pass'numérique\./);
  });

  it('a list of every département names each programme its own way, whatever the turn', async () => {
    const lines = await inProgramme(drome.name, async () => programmes.map((p) => coordinationContact(p, t)));
    assert.match(lines[0], /^Lozère : .*coordination du Pass Numérique/);
    assert.match(lines[1], /^Drôme : .*coordination du Pass'numérique/);
  });

  it('t(key, undefined) fills {{pass}} as t(key) does (the Web Chat page for both départements said « {{pass}} »)', () => {
    assert.equal(t('webchat:page.heading_many', undefined), t('webchat:page.heading_many'));
    assert.doesNotMatch(t('webchat:page.heading_many', undefined), /\{\{/);
  });

  it('both presets have a name of their own, which the sentences then say', () => {
    assert.equal(lozere.name, 'Pass Numérique');
    assert.equal(drome.name, "Pass'numérique");
  });
});
