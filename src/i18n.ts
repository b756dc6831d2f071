/**
 * Every sentence a user reads comes from locales/fr/*.json through i18next
 * (interpolation, and French plural rules: "0 heure", "1 heure", "2 heures").
 * Loaded synchronously once at start-up; `t` is then a pure lookup.
 */
import i18next, { type TFunction } from 'i18next';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentChannel } from './channels/channelScope';

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

/** The French translator; every key missing from locales/ throws in tests. */
export function french(): Translate {
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
  }
  return smsAware(instance);
}

/**
 * On SMS, a key with an `_sms` variant (« welcome.hello_sms ») reads that
 * one: a shorter text that costs fewer billed segments (issue 17), while
 * Web Chat and Teams keep the full one. Plural keys work the same way
 * (« hours_sms_one »).
 */
function smsAware(i18n: typeof i18next): Translate {
  const t = i18n.t.bind(i18n) as unknown as (...args: unknown[]) => unknown;
  const translate = (key: string | string[], ...rest: unknown[]) => {
    if (typeof key === 'string' && currentChannel() === 'sms') {
      const options = (typeof rest[0] === 'object' && rest[0] !== null ? rest[0] : typeof rest[1] === 'object' ? rest[1] : undefined) as
        | Record<string, unknown>
        | undefined;
      if (i18n.exists(`${key}_sms`, options)) return t(`${key}_sms`, ...rest);
    }
    return t(key, ...rest);
  };
  return translate as unknown as Translate;
}

/** Reads a list (array) from the locale files, e.g. synonyms. */
export function frenchList(key: string): string[] {
  const value = french()(key, { returnObjects: true }) as unknown;
  if (!Array.isArray(value)) throw new Error(`locale key is not a list: ${key}`);
  return value.map(String);
}
