/**
 * Text that came from outside (an imported places file, a partner's data)
 * and will be shown to people: in Web Chat (which renders markdown), in a
 * Teams card (markdown too), read aloud over SMS. A name like
 * `[Appelez le 08 99 …](https://evil.example)` or `<img onerror=…>` must
 * arrive as words only, never as a link or markup. Pure: no I/O.
 */
import { DomUtils, parseDocument } from 'htmlparser2';

/** Elements whose content is code, not words: dropped with their tags. */
const CODE_ELEMENTS = new Set(['script', 'style', 'noscript', 'iframe', 'object', 'template']);

/** `[label](url)` and `![alt](url)`, the url dropped, the label kept. */
const MARKDOWN_LINK = /!?\[([^\]]*)\]\([^)]*\)/g;
/** `<https://…>` autolinks and `[label][ref]` references. */
const MARKDOWN_AUTOLINK = /<(?:https?|ftp|mailto|javascript|data):[^>]*>/gi;
const MARKDOWN_REFERENCE = /\[([^\]]*)\]\[[^\]]*\]/g;

function textOf(html: string): string {
  const document = parseDocument(html, { decodeEntities: true });
  for (const element of DomUtils.findAll((e) => CODE_ELEMENTS.has(e.name.toLowerCase()), document.children))
    DomUtils.removeElement(element);
  return DomUtils.textContent(document);
}

/** The words of an untrusted text: no HTML tags, no markdown links, spaces collapsed. */
export function plainText(text: string): string {
  if (!/[<>&[\]]/.test(text)) return text;
  const words = textOf(text.replace(MARKDOWN_AUTOLINK, '')).replace(MARKDOWN_LINK, '$1').replace(MARKDOWN_REFERENCE, '$1');
  return words.replace(/[ \t]+/g, ' ').trim();
}

/** Every field of a flat record of texts through plainText (an imported row). */
export function plainTextFields<T extends object>(row: T): T {
  const clean = { ...row } as Record<string, unknown>;
  for (const [key, value] of Object.entries(clean)) if (typeof value === 'string') clean[key] = plainText(value);
  return clean as T;
}

/**
 * Text for a Teams card TextBlock or Fact, which render markdown: the
 * characters that make links, emphasis and code are escaped so they show
 * as typed. The bot's own sentences carry no markdown (locales/fr has none).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_~[\]]/g, '\\$&');
}
