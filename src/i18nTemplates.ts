/**
 * Precompiled sentences for the translator (src/i18n.ts). i18next resolves
 * a key anew on every call — namespaces, plural suffix, nesting, then
 * interpolation with regular expressions it rebuilds — about ten calls a
 * turn, 6 % of a booking turn's CPU in the bench's profile. The resources
 * never change while the process runs, so a sentence is compiled once per
 * key and shape of its options: i18next renders it with a placeholder for
 * each interpolated value, and later calls only put the values in.
 *
 * What decides the sentence itself stays in the cache key: the key, `count`
 * (the plural form), and every option that is not a plain string or number
 * value. A compilation is checked once against i18next's own answer with
 * the real values; a key whose sentence a value changes in another way
 * (a value used as a key in a nesting) is never compiled, and i18next
 * answers it each time. Bounded: the cache is emptied when full.
 *
 * A list or a table read whole (`returnObjects`, no value to put in) is
 * kept too, and each call gets its own copy: i18next walks and translates
 * every string of it on every call (a place list's day names, the place
 * criteria's word lists, the interruption's lines: a few per turn).
 */

import { BoundedCache } from './domain/memo';

/** One call's options, as the dialogs pass them. */
type Options = Record<string, unknown>;
type Render = (key: string, options?: Options) => unknown;

export const MAX_TEMPLATES = 4_000;
/** Characters no locale text holds, around each value's index. */
const OPEN = '\u0001';
/** In a value, it marks a placeholder: a formatter that changes words around its value (« de » → « des ») leaves it bare. */
export const TEMPLATE_MARK = OPEN;
const CLOSE = '\u0002';
const PLACEHOLDER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');

/** A compiled sentence: literal parts, with the options' names to put between them. */
interface Template {
  parts: string[];
  names: string[];
}

/** A list or table read whole, kept as i18next gave it. */
interface Kept {
  kept: unknown;
}

/** Not compiled: i18next answers this key and shape every time. */
const UNCOMPILABLE = null;

export class TemplateCache {
  private readonly templates: BoundedCache<Template | Kept | typeof UNCOMPILABLE>;

  constructor(
    private readonly render: Render,
    max = MAX_TEMPLATES,
  ) {
    this.templates = new BoundedCache(max);
  }

  translate(key: string, options?: Options): unknown {
    const shape = shapeOf(key, options);
    if (shape === undefined) return this.render(key, options);
    let first: { real: unknown } | undefined;
    const template = this.templates.get(shape.cacheKey, () => {
      const { compiled, real } = this.compile(key, options, shape.values);
      first = { real };
      return compiled;
    });
    // The call that compiled it already has i18next's answer.
    if (first) return first.real;
    if (template === UNCOMPILABLE) return this.render(key, options);
    if ('kept' in template) return structuredClone(template.kept);
    if (template.names.length === 0) return template.parts[0];
    let text = template.parts[0];
    for (let i = 0; i < template.names.length; i += 1) text += String(options![template.names[i]]) + template.parts[i + 1];
    return text;
  }

  /** The sentence with the real values (i18next's answer to this call), and its template if it has one. */
  private compile(
    key: string,
    options: Options | undefined,
    values: string[],
  ): { compiled: Template | Kept | typeof UNCOMPILABLE; real: unknown } {
    const real = this.render(key, options);
    if (typeof real === 'string') return { compiled: this.template(real, key, options, values), real };
    // A list or table with nothing put in: the same every time (a copy kept, so that no caller's change reaches the next).
    if (values.length === 0 && typeof real === 'object' && real !== null) return { compiled: { kept: structuredClone(real) }, real };
    return { compiled: UNCOMPILABLE, real };
  }

  private template(real: string, key: string, options: Options | undefined, values: string[]): Template | typeof UNCOMPILABLE {
    if (values.length === 0) return { parts: [real], names: [] };
    const marked = { ...options };
    values.forEach((name, i) => (marked[name] = `${OPEN}${i}${CLOSE}`));
    let withPlaceholders: unknown;
    try {
      withPlaceholders = this.render(key, marked);
    } catch {
      return UNCOMPILABLE;
    }
    if (typeof withPlaceholders !== 'string') return UNCOMPILABLE;
    const parts: string[] = [];
    const names: string[] = [];
    let last = 0;
    for (const match of withPlaceholders.matchAll(PLACEHOLDER)) {
      parts.push(withPlaceholders.slice(last, match.index));
      names.push(values[Number(match[1])]);
      last = match.index + match[0].length;
    }
    parts.push(withPlaceholders.slice(last));
    const template = { parts, names };
    // Checked once with the real values: a sentence they shape otherwise is left to i18next.
    const rebuilt = parts.reduce((text, part, i) => text + (i > 0 ? String(options![names[i - 1]]) : '') + part, '');
    return rebuilt === real ? template : UNCOMPILABLE;
  }
}

/**
 * The cache key of a call, and the options that are plain values to put in;
 * undefined when the call cannot be cached (an option holding an object).
 */
function shapeOf(key: string, options: Options | undefined): { cacheKey: string; values: string[] } | undefined {
  if (!options) return { cacheKey: key, values: [] };
  const values: string[] = [];
  const fixed: string[] = [];
  for (const name of Object.keys(options).sort()) {
    const value = options[name];
    if (name === 'count' || typeof value === 'boolean' || value === undefined || value === null) fixed.push(`${name}=${String(value)}`);
    else if ((typeof value === 'string' || typeof value === 'number') && !RESERVED.has(name)) values.push(name);
    else if (RESERVED.has(name) && (typeof value === 'string' || typeof value === 'number')) fixed.push(`${name}=${value}`);
    else return undefined;
  }
  return { cacheKey: `${key}\u0000${fixed.join('\u0000')}\u0000${values.join(',')}`, values };
}

/** i18next's own options: they choose the sentence, so they are part of the key, never a value to put in. */
const RESERVED = new Set([
  'context',
  'lng',
  'lngs',
  'ns',
  'defaultValue',
  'ordinal',
  'keySeparator',
  'nsSeparator',
  'joinArrays',
  'postProcess',
  'fallbackLng',
]);
