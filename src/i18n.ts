/**
 * Every sentence a user reads comes from locales/fr/*.json through i18next
 * (interpolation, and French plural rules: "0 heure", "1 heure", "2 heures").
 * Loaded synchronously once at start-up; `t` is then a pure lookup, each
 * sentence compiled once (i18nTemplates.ts).
 */
import i18next, { type TFunction } from 'i18next';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentChannel } from './channels/channelScope';
import { currentBookWord, currentProgrammeName } from './programmeScope';
import { TEMPLATE_MARK, TemplateCache } from './i18nTemplates';
import { atName, ofName } from './frenchGrammar';

export type Translate = TFunction;

const LOCALES_DIR = join(__dirname, '..', '..', 'locales');

/** Reads every JSON file of locales/<lng>/ as one namespace each. */
function loadLanguage(lng: string): Record<string, Record<string, unknown>> {
  const dir = join(LOCALES_DIR, lng);
  const namespaces: Record<string, Record<string, unknown>> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    namespaces[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  }
  return namespaces;
}

let instance: typeof i18next | undefined;
let translator: Translate | undefined;

/** The French translator; every key missing from locales/ throws in tests. */
export function french(): Translate {
  translator ??= smsAware(i18nextFrench());
  return translator;
}

/** i18next itself, without the SMS variants or the compiled sentences (for the test that compares them). */
export function i18nextFrench(): typeof i18next {
  if (!instance) {
    instance = i18next.createInstance();
    const fr = loadLanguage('fr');
    void instance.init({
      lng: 'fr',
      fallbackLng: false,
      showSupportNotice: false,
      initAsync: false,
      // One namespace per file of locales/fr/: "messages" by default, others as t('pro:…').
      defaultNS: 'messages',
      ns: Object.keys(fr),
      resources: { fr },
      interpolation: { escapeValue: false },
      returnNull: false,
      saveMissing: true,
      missingKeyHandler: (_lngs, ns, key) => {
        throw new Error(`missing French text: ${ns}:${key}`);
      },
    });
    // « proches {{commune, de}} » → « proches des Prés », « d'Aouste-sur-Sye »; « {{place, a}} » → « à l'Espace… ».
    // A TemplateCache placeholder stays bare, so a sentence whose words depend on the value is never compiled.
    const grammar = (rule: (name: string) => string) => (value: unknown) =>
      String(value).includes(TEMPLATE_MARK) ? String(value) : rule(String(value));
    instance.services.formatter?.add('de', grammar(ofName));
    instance.services.formatter?.add('a', grammar(atName));
  }
  return instance;
}

/**
 * On SMS, a key with an `_sms` variant (« welcome.hello_sms ») reads that
 * one: a shorter text that costs fewer billed segments (issue 17), while
 * Web Chat and Teams keep the full one. Plural keys work the same way
 * (« hours_sms_one »).
 */
function smsAware(i18n: typeof i18next): Translate {
  const t = i18n.t.bind(i18n) as unknown as (...args: unknown[]) => unknown;
  // Sentences compiled once (i18nTemplates.ts); resources never change while running.
  const templates = new TemplateCache((key, options) => t(key, options));
  const smsVariants = new Map<string, boolean>();
  const hasSmsVariant = (key: string, options: Record<string, unknown> | undefined) => {
    const cacheKey = `${key}\u0000${String(options?.count)}`;
    let has = smsVariants.get(cacheKey);
    if (has === undefined) smsVariants.set(cacheKey, (has = i18n.exists(`${key}_sms`, options)));
    return has;
  };
  // `{{pass}}`: the programme's own name when the turn knows it (programmeScope.ts), else the generic one.
  let genericName: string | undefined;
  // `{{book}}`: « chéquier » in the Drôme, « carnet » in Lozère, « carnet ou chéquier » while the programme is unknown.
  let genericBook: string | undefined;
  const withPass = (options: Record<string, unknown> | undefined): Record<string, unknown> | undefined => {
    // A list or table read whole holds no name (test/unit/programmeName.test.ts): it stays one kept copy.
    if (options?.returnObjects) return options;
    genericName ??= String(t('eligibility:pass_name'));
    genericBook ??= String(t('common.book_word_any'));
    return { pass: currentProgrammeName() ?? genericName, book: currentBookWord() ?? genericBook, ...options };
  };
  const translate = (key: string | string[], ...given: unknown[]) => {
    // t(key, undefined) is t(key): `{{pass}}` is filled there too (the Web Chat page's heading said « {{pass}} »).
    const rest =
      given.length === 0 || (given.length === 1 && given[0] === undefined)
        ? [withPass(undefined)]
        : typeof given[0] === 'object' && given[0] !== null
          ? [withPass(given[0] as Record<string, unknown>), ...given.slice(1)]
          : given;
    // t(key) and t(key, options) go through the templates; other forms (default value, several keys) to i18next.
    const compiled =
      typeof key === 'string' && (rest.length === 0 || (rest.length === 1 && typeof rest[0] === 'object' && rest[0] !== null));
    if (typeof key === 'string' && currentChannel() === 'sms') {
      const options = (typeof rest[0] === 'object' && rest[0] !== null ? rest[0] : typeof rest[1] === 'object' ? rest[1] : undefined) as
        Record<string, unknown> | undefined;
      if (hasSmsVariant(key, options)) return compiled ? templates.translate(`${key}_sms`, options) : t(`${key}_sms`, ...rest);
    }
    return compiled ? templates.translate(key, rest[0] as Record<string, unknown> | undefined) : t(key, ...rest);
  };
  return translate as unknown as Translate;
}

const lists = new Map<string, readonly string[]>();

/** Reads a list (array) from the locale files, e.g. synonyms; read once a key, a fresh copy each call. */
export function frenchList(key: string): string[] {
  const cacheKey = `${currentChannel() === 'sms' ? 'sms' : ''}\u0000${key}`;
  let list = lists.get(cacheKey);
  if (!list) {
    const value = french()(key, { returnObjects: true }) as unknown;
    if (!Array.isArray(value)) throw new Error(`locale key is not a list: ${key}`);
    lists.set(cacheKey, (list = value.map(String)));
  }
  return [...list];
}
