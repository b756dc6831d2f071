/**
 * The Web Chat page and the privacy page, in French, carrying the
 * programme's identity. Plain server-side HTML (no framework, no design
 * system: the DSFR is reserved to .gouv.fr sites) following RGAA 4.1:
 * landmarks, one h1, labelled controls, visible focus, a larger-text
 * toggle, readable at 320 px. Web Chat's 3.8 MB bundle is only loaded
 * when the person starts, and nothing is stored in the browser before.
 */
import type { Programme } from '../../domain/programme';
import type { Translate } from '../../i18n';
import type { WebChatSettings } from './settings';
import { inProgramme } from '../../programmeScope';
import { joinWithAnd, joinWithOr } from '../../wording';

export const ASSET_BASE = '/webchat';

/**
 * The page's icon, drawn here (no file, no download): a speech bubble in
 * the page's accent colour with three white dots. A colour that is not a
 * plain hex code (the setting is free text) falls back to the default.
 */
export function faviconSvg(accentColor: string): string {
  const fill = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i.test(accentColor) ? accentColor : '#1d4e89';
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    `<path fill="${fill}" d="M6 3h20a4 4 0 0 1 4 4v13a4 4 0 0 1-4 4H14l-7 6v-6H6a4 4 0 0 1-4-4V7a4 4 0 0 1 4-4z"/>` +
    '<g fill="#ffffff"><circle cx="10" cy="13.5" r="2.25"/><circle cx="16" cy="13.5" r="2.25"/><circle cx="22" cy="13.5" r="2.25"/></g>' +
    '</svg>\n'
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Identity {
  title: string;
  heading: string;
  subheading: string;
  what: string;
  footer: string[];
}

function identity(t: Translate, programmes: Programme[]): Identity {
  const tw = (key: string, options?: Record<string, unknown>) => t(`webchat:${key}`, options);
  const departements = programmes.map((p) => p.departement.name).join(', ');
  const footer = programmes.map((p) => tw('footer.programme', { name: p.name, contact: p.contact.name }));
  if (programmes.length === 1) {
    const [p] = programmes;
    return {
      title: tw('page.title', { name: p.name, departement: p.departement.name }),
      heading: tw('page.heading', { name: p.name }),
      subheading: tw('page.subheading', { departement: p.departement.name }),
      what: tw('notice.what', { name: p.name }),
      footer,
    };
  }
  return {
    title: tw('page.title_many', { departements }),
    heading: tw('page.heading_many'),
    subheading: departements,
    what: tw('notice.what_many'),
    footer,
  };
}

/** Client-side wording and settings, read by chat.js from a JSON block (not executed: CSP-safe). */
function clientConfig(t: Translate): string {
  const keys = ['near_me', 'locating', 'located', 'location_denied', 'location_unavailable', 'restart'];
  const texts: Record<string, string> = {};
  for (const key of keys) texts[key] = t(`webchat:tools.${key}`);
  for (const key of ['connecting', 'unavailable', 'interrupted']) texts[key] = t(`webchat:status.${key}`);
  texts.larger_text = t('webchat:page.larger_text');
  texts.larger_text_on = t('webchat:page.larger_text_on');
  // A message's time, filled in by chat.js: « {time} » and « {date} » stay for it to replace.
  for (const key of ['time_today', 'time_other_day', 'sent_today', 'sent_other_day'])
    texts[key] = t(`webchat:timestamp.${key}`, { time: '{time}', date: '{date}' });
  // "<" escaped so that no text can close the script element.
  return JSON.stringify({ locale: 'fr-FR', texts }).replace(/</g, '\\u003c');
}

function head(title: string, settings: WebChatSettings): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="${ASSET_BASE}/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${ASSET_BASE}/chat.css">
<style>:root { --accent: ${settings.accentColor}; }</style>
</head>`;
}

function header(t: Translate, id: Identity, settings: WebChatSettings, withToggle: boolean): string {
  const logo = settings.logoUrl
    ? `<img class="logo" src="${escapeHtml(settings.logoUrl)}" alt="${escapeHtml(t('webchat:page.logo_alt', { departement: id.subheading }))}">`
    : '';
  const toggle = withToggle
    ? `<button type="button" id="larger-text" class="secondary" aria-pressed="false">${escapeHtml(t('webchat:page.larger_text'))}</button>`
    : '';
  return `<header class="banner">
  <div class="brand">${logo}<div><h1>${escapeHtml(id.heading)}</h1><p class="subheading">${escapeHtml(id.subheading)}</p></div></div>
  ${toggle}
</header>`;
}

function footer(t: Translate, id: Identity, programmes: Programme[]): string {
  const sites = programmes
    .filter((p) => p.contact.website)
    .map(
      (p) =>
        `<li><a href="${escapeHtml(p.contact.website!)}">${escapeHtml(`${t('webchat:footer.website')} (${p.departement.name})`)}</a></li>`,
    )
    .join('');
  return `<footer class="contentinfo">
  ${id.footer.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}
  <p>${escapeHtml(t('webchat:footer.helpline'))}</p>
  <ul class="links">${sites}<li><a href="/confidentialite">${escapeHtml(t('webchat:footer.privacy'))}</a></li></ul>
</footer>`;
}

/** A page for one programme names it as its data does (« Pass'numérique »), everywhere the wording says `{{pass}}`. */
function pageProgramme(programmes: readonly Programme[]): Programme | undefined {
  return programmes.length === 1 ? programmes[0] : undefined;
}

export function renderChatPage(t: Translate, programmes: Programme[], settings: WebChatSettings): string {
  const page = pageProgramme(programmes);
  return inProgramme(page?.name, () => chatPage(t, programmes, settings), page?.voucherBook.word);
}

export function renderPrivacyPage(t: Translate, programmes: Programme[], settings: WebChatSettings): string {
  const page = pageProgramme(programmes);
  return inProgramme(page?.name, () => privacyPage(t, programmes, settings), page?.voucherBook.word);
}

function chatPage(t: Translate, programmes: Programme[], settings: WebChatSettings): string {
  const id = identity(t, programmes);
  const tw = (key: string, options?: Record<string, unknown>) => escapeHtml(t(`webchat:${key}`, options));
  return `${head(id.title, settings)}
<body>
<a class="skip" href="#chat-area">${tw('page.skip')}</a>
${header(t, id, settings, true)}
<main id="main">
  <section id="notice" class="notice" aria-labelledby="notice-heading">
    <h2 id="notice-heading">${tw('notice.heading')}</h2>
    <p>${escapeHtml(id.what)}</p>
    <p>${tw('notice.robot')}</p>
    <h3>${tw('notice.data_heading')}</h3>
    <p>${tw('notice.data', { count: settings.retentionDays })}</p>
    <p>${tw('notice.sensitive')}</p>
    <p>${tw('notice.no_cookie')}</p>
    <p><a href="/confidentialite">${tw('notice.privacy_link')}</a></p>
    <button type="button" id="start" class="primary">${tw('notice.start')}</button>
  </section>
  <section id="chat-area" class="chat-area" aria-label="${tw('page.chat_region')}" tabindex="-1" hidden>
    <p id="status" class="status" role="status" aria-live="polite"></p>
    <div id="restart-box" class="restart" hidden><button type="button" id="restart" class="primary">${tw('tools.restart')}</button></div>
    <div class="tools">
      <button type="button" id="near-me" class="secondary" aria-describedby="near-me-help">${tw('tools.near_me')}</button>
      <p id="near-me-help" class="help">${tw('tools.near_me_help')}</p>
    </div>
    <div id="webchat" class="webchat"></div>
  </section>
  <noscript><p>${tw('page.noscript')}</p></noscript>
</main>
${footer(t, id, programmes)}
<script type="application/json" id="chat-config">${clientConfig(t)}</script>
<script src="${ASSET_BASE}/chat.js"></script>
</body>
</html>
`;
}

/** « Conseil départemental de la Lozère (standard : 04 66 49 66 66) », from the programme's data; an assumed number is never given. */
function controllerContact(programme: Programme, t: Translate): string {
  const { name, phone, switchboard, email } = programme.contact;
  const given = (value: { value: string; assumed: boolean } | undefined) => (value && !value.assumed ? value.value : undefined);
  const line = given(phone);
  const general = line ? undefined : given(switchboard);
  const mail = given(email);
  const key = line ? 'controller_phone' : general ? 'controller_switchboard' : 'controller_name';
  const contact = t(`webchat:privacy.${key}`, { name, phone: line ?? general });
  return mail ? t('webchat:privacy.controller_email', { contact, email: mail }) : contact;
}

function privacyPage(t: Translate, programmes: Programme[], settings: WebChatSettings): string {
  const id = identity(t, programmes);
  // One département, or several each for its own people (« Conseil départemental de la Lozère et Département de la Drôme »).
  const names = programmes.map((p) => p.contact.name);
  // Whom to ask, with a phone: a line published for the pass, else the Département's switchboard, said as such.
  const reachable = programmes.map((p) => controllerContact(p, t));
  const values = { controllers: joinWithAnd(names, t), controllersOr: joinWithOr(reachable, t), count: settings.retentionDays };
  const tw = (key: string, options?: Record<string, unknown>) => escapeHtml(t(`webchat:privacy.${key}`, options));
  const sections = (['who', 'what', 'why', 'how_long', 'location', 'cookies', 'rights'] as const)
    .map((key) => {
      const text = key === 'who' && names.length > 1 ? 'who_several' : key;
      return `<h2>${tw(`${key}_heading`)}</h2>\n<p>${tw(text, values)}</p>`;
    })
    .join('\n');
  return `${head(t('webchat:privacy.title'), settings)}
<body>
${header(t, { ...id, heading: t('webchat:privacy.title') }, settings, false)}
<main id="main" class="privacy">
${sections}
<p><a href="/">${tw('back')}</a></p>
</main>
${footer(t, id, programmes)}
</body>
</html>
`;
}
