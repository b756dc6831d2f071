import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inChannel } from '../../src/channels/channelScope';
import { french, i18nextFrench } from '../../src/i18n';
import { TemplateCache } from '../../src/i18nTemplates';

const LOCALES = join(__dirname, '..', '..', '..', 'locales', 'fr');
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key of every namespace whose text is a sentence (plural forms as their base key), and every variable named anywhere. */
function localeKeys(): { keys: string[]; variables: string[] } {
  const keys = new Set<string>();
  const variables = new Set<string>();
  for (const file of readdirSync(LOCALES).filter((f) => f.endsWith('.json'))) {
    const ns = file.replace(/\.json$/, '');
    const walk = (value: unknown, path: string[]) => {
      if (typeof value === 'string') {
        keys.add(`${ns}:${path.join('.').replace(PLURAL, '')}`);
        for (const match of value.matchAll(/{{\s*([^},\s]+)/g)) variables.add(match[1]);
      } else if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [name, child] of Object.entries(value)) walk(child, [...path, name]);
      }
    };
    walk(JSON.parse(readFileSync(join(LOCALES, file), 'utf8')), []);
  }
  return { keys: [...keys], variables: [...variables] };
}

/** Two sets of values, so that a sentence compiled with the first is filled with the second; some look like i18next syntax. */
function samples(variables: string[]): Record<string, unknown>[] {
  return [0, 1].map((set) =>
    Object.fromEntries(
      variables.map((name, i) => [
        name,
        i % 3 === 0 ? i * 7 + set : set === 0 ? `« ${name} » d'Apcher` : `{{${name}}} $t(common.yes) ${i}`,
      ]),
    ),
  );
}

describe('sentences compiled once (src/i18nTemplates.ts)', () => {
  const { keys, variables } = localeKeys();
  const i18next = i18nextFrench();
  const t = french();

  it(`says exactly what i18next says, for every key of locales/fr, every plural count and values of every kind (${keys.length} keys)`, () => {
    let compared = 0;
    for (const key of keys) {
      for (const values of samples(variables)) {
        for (const count of [undefined, 0, 1, 2, 5]) {
          const options = count === undefined ? values : { ...values, count };
          let expected: unknown;
          try {
            expected = i18next.t(key, options);
          } catch {
            // A plural key without its count: i18next finds no text, and neither may the compiled one.
            assert.throws(() => t(key, options), /missing French text/);
            continue;
          }
          if (typeof expected !== 'string') continue;
          // Twice: the first call compiles, the second uses the compiled sentence.
          assert.equal(t(key, options), expected, `${key} ${JSON.stringify(options).slice(0, 80)}`);
          assert.equal(t(key, options), expected, `${key}, compiled`);
          compared += 1;
        }
      }
    }
    assert.ok(compared > 1000, `only ${compared} sentences compared`);
  });

  it('gives every list and table read whole (returnObjects) as i18next does, a fresh copy each time', () => {
    const tables: string[] = [];
    for (const file of readdirSync(LOCALES).filter((f) => f.endsWith('.json'))) {
      const ns = file.replace(/\.json$/, '');
      const walk = (value: unknown, path: string[]) => {
        if (!value || typeof value !== 'object') return;
        if (path.length > 0) tables.push(`${ns}:${path.join('.')}`);
        if (!Array.isArray(value)) for (const [name, child] of Object.entries(value)) walk(child, [...path, name]);
      };
      walk(JSON.parse(readFileSync(join(LOCALES, file), 'utf8')), []);
    }
    assert.ok(tables.length > 50, `only ${tables.length} tables`);
    let compared = 0;
    for (const key of tables) {
      let expected: unknown;
      try {
        expected = i18next.t(key, { returnObjects: true });
      } catch {
        // A table with a sentence that needs a value (« {{number}} »): i18next finds no text, and neither may the kept one.
        assert.throws(() => t(key, { returnObjects: true }), /missing French text/);
        continue;
      }
      compared += 1;
      const first = t(key, { returnObjects: true }) as unknown;
      assert.deepEqual(first, expected, key);
      // A caller changing its copy (sorting a list, adding a key) changes nobody else's.
      if (Array.isArray(first)) first.push('changed');
      else (first as Record<string, unknown>).changed = true;
      assert.deepEqual(t(key, { returnObjects: true }), expected, `${key}, kept`);
    }
    assert.ok(compared > 50, `only ${compared} tables compared`);
  });

  it('reads the _sms variant on SMS, compiled too', async () => {
    // The translator names the programme ({{pass}}): outside any turn, the generic name.
    const generic = { pass: i18next.t('eligibility:pass_name') };
    const expected = i18next.t('welcome.hello_sms', generic);
    assert.notEqual(expected, i18next.t('welcome.hello', generic));
    await inChannel('sms', async () => {
      assert.equal(t('welcome.hello'), expected);
      assert.equal(t('welcome.hello'), expected);
    });
    assert.equal(t('welcome.hello'), i18next.t('welcome.hello', generic));
  });

  it('leaves to i18next a sentence that a value shapes beyond being put in (a value used as a key)', () => {
    let calls = 0;
    const render = (key: string, options?: Record<string, unknown>) => {
      calls += 1;
      return `${key}:${String(options?.which) === '\u00010\u0002' ? 'inconnu' : String(options?.which)}`;
    };
    const cache = new TemplateCache(render);
    assert.equal(cache.translate('k', { which: 'a' }), 'k:a');
    assert.equal(cache.translate('k', { which: 'b' }), 'k:b');
    // Compiling it rendered twice (real values, placeholders), found it differs, and asks every time after.
    assert.equal(calls, 3);
  });

  it('keeps at most its bound of compiled sentences', () => {
    let calls = 0;
    const cache = new TemplateCache((key) => {
      calls += 1;
      return key;
    }, 2);
    for (const key of ['a', 'b', 'c', 'a']) cache.translate(key);
    assert.equal(calls, 4, 'a was dropped when c came, then compiled again');
  });
});
