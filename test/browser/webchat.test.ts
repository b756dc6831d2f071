/**
 * The Web Chat page in a real browser (Debian's Chromium through
 * playwright-core) against the real server: a new user reads the notice,
 * starts, finds a place in Mende, books a session to the confirmation, uses
 * « près de moi », and survives a server restart. Every request the page
 * makes is checked to stay on this machine.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../src/data/paths';
import { type BotUnderTest, startBot } from '../support/botServer';
import { type BrowserSession, chromiumAvailable, chromiumRequired, launchChromium } from '../support/browser';
import { webChatSettings } from '../../src/http/webchat/settings';
import { GERARD, MARTINE } from '../support/personas';

const ARTIFACTS = path.join(projectRoot(), 'test-artifacts');
/** A session's button: weekday and month abbreviated, « 1. mer. 2 déc. 15 h ». */
const SLOT_BUTTON = /^1\. \p{L}{3}\. \d{1,2} \p{L}+\.? \d{1,2} h( \d\d)?$/u;
const MENDE = { latitude: 44.5181, longitude: 3.5006 };

/** Records (and blocks) every request leaving this machine. */
async function watchOutside(session: BrowserSession): Promise<string[]> {
  const outside: string[] = [];
  await session.context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return route.continue();
    outside.push(url.origin);
    return route.abort();
  });
  return outside;
}

/** The last bot or user bubble containing a text, once it is on screen. */
async function seen(page: Page, text: string | RegExp): Promise<void> {
  try {
    await page.locator('.webchat__bubble__content').filter({ hasText: text }).last().waitFor({ timeout: 20_000 });
  } catch {
    // Say what the page showed instead: the last bubbles and the status line.
    const bubbles = await page.locator('.webchat__bubble__content').allInnerTexts();
    const status = await page
      .locator('#status')
      .innerText()
      .catch(() => '');
    throw new Error(`expected ${String(text)}; the page shows: ${JSON.stringify(bubbles.slice(-4))} status: ${JSON.stringify(status)}`);
  }
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: /message/i });
  await box.fill(text);
  await box.press('Enter');
}

/**
 * Clicks a suggested action (Web Chat buttons under the last message) —
 * the visible one: Web Chat also keeps a copy in a screen-reader live region.
 */
async function choose(page: Page, label: string | RegExp): Promise<void> {
  try {
    await page.locator('button.webchat__suggested-action').filter({ hasText: label }).last().click({ timeout: 20_000 });
  } catch (error) {
    // Say which buttons the page had (text, disabled, visible) and what it last said.
    const buttons = await page.evaluate<string[]>(`[...document.querySelectorAll('button')].map((b) =>
      JSON.stringify(b.innerText) + (b.disabled ? ' disabled' : '') + (b.offsetParent === null ? ' hidden' : '') + ' .' + b.className)`);
    const bubbles = await page.locator('.webchat__bubble__content').allInnerTexts();
    const status = await page
      .locator('#status')
      .innerText()
      .catch(() => '');
    throw new Error(
      `no button ${String(label)} to click (${(error as Error).message.split('\n')[0]}); buttons: ${JSON.stringify(buttons)}; ` +
        `last bubbles: ${JSON.stringify(bubbles.slice(-3))}; status: ${JSON.stringify(status)}`,
      { cause: error },
    );
  }
}

/**
 * The visible first option (« 1. … ») of the question on screen, once it is
 * there. Decisions are taken on the buttons, not on the last bubble: a
 * question's bubble and its buttons do not always render in the same frame.
 */
async function firstOption(page: Page): Promise<string> {
  const option = page.locator('button.webchat__suggested-action').filter({ hasText: /^1\. / }).last();
  await option.waitFor({ timeout: 20_000 });
  return option.innerText();
}

/** Answers « 1 » to each question until `stop` says the first option is the one looked for; returns that option. */
async function pickFirstUntil(page: Page, stop: (option: string) => Promise<boolean>, what: string): Promise<string> {
  const bubbles = page.locator('.webchat__bubble__content');
  for (let step = 0; step < 8; step += 1) {
    const option = await firstOption(page);
    if (await stop(option)) return option;
    const count = await bubbles.count();
    await choose(page, /^1\. /);
    // The person's answer and at least one reply.
    await bubbles.nth(count + 1).waitFor({ timeout: 20_000 });
  }
  throw new Error(`no ${what} after 8 answers`);
}

/** Picks the first option of each question until the confirmation, then answers « Oui ». */
async function answerUntilBooked(page: Page): Promise<void> {
  const isConfirmation = async (option: string) =>
    option === '1. Oui' &&
    (await page
      .locator('.webchat__bubble__content')
      .filter({ hasText: /C'est d'accord \?/ })
      .last()
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      ));
  await pickFirstUntil(page, isConfirmation, 'confirmation question');
  await choose(page, /^1\. Oui$/);
}

/** Every visible button whose text is wider than the button (cut or spilling out). */
async function overflowingButtons(page: Page): Promise<string[]> {
  // Strings, not functions: the tests compile without the DOM library.
  return page.evaluate<string[]>(`[...document.querySelectorAll('button')]
    .filter((b) => b.offsetParent !== null && b.scrollWidth > b.clientWidth)
    .map((b) => b.innerText + ' (' + b.scrollWidth + ' > ' + b.clientWidth + ')')`);
}

/** The header, « Agrandir le texte » and the send box on screen, and no scrolling but the transcript's. */
async function assertOneScrollArea(page: Page, where: string): Promise<void> {
  const layout = await page.evaluate(`(() => {
    const inView = (selector) => {
      const box = document.querySelector(selector).getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    };
    return {
      pageScrolls: document.documentElement.scrollHeight > window.innerHeight + 1,
      header: inView('.banner h1'),
      toggle: inView('#larger-text'),
      sendBox: inView('#webchat input[type="text"], #webchat textarea'),
    };
  })()`);
  assert.deepEqual(layout, { pageScrolls: false, header: true, toggle: true, sendBox: true }, where);
}

/**
 * Records what each ARIA live region receives (what a screen reader
 * announces), from before Web Chat starts: the text of every node added
 * inside an element with aria-live, with that region's class.
 */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(`(() => {
    const said = [];
    window.announced = said;
    new MutationObserver((changes) => {
      for (const change of changes) {
        const region = change.target.closest && change.target.closest('[aria-live]:not([aria-live="off"])');
        if (!region) continue;
        for (const node of change.addedNodes) {
          const text = (node.textContent || '').trim();
          if (text) said.push({ region: String(region.className), text });
        }
      }
    }).observe(document, { subtree: true, childList: true });
  })()`);
}

/** Starts a conversation and asks for places (« 3 »): the bot waits at its commune question. */
async function openAtCommuneQuestion(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Commencer la conversation' }).click();
  await seen(page, 'Que souhaitez-vous faire ?');
  await send(page, '3');
  await seen(page, /Dans quelle commune habitez-vous/);
}

/** Answers the commune question and checks the question is still in the transcript above the answer. */
async function answerWithTranscriptKept(page: Page): Promise<void> {
  await send(page, 'Mende');
  await seen(page, /Mende/);
  await page
    .locator('.webchat__bubble__content')
    .filter({ hasText: /Dans quelle commune habitez-vous/ })
    .first()
    .waitFor({ timeout: 5_000 });
}

/** Where a selector's box is, in CSS pixels of the viewport. */
async function box(page: Page, selector: string): Promise<{ left: number; right: number; top: number; bottom: number }> {
  return page.evaluate(`(() => {
    const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
    return { left: Math.round(r.left), right: Math.round(r.right), top: Math.round(r.top), bottom: Math.round(r.bottom) };
  })()`);
}

const SEND_BUTTON = '#webchat .webchat__send-button';
const SEND_FIELD = '#webchat input[type="text"], #webchat textarea';

/** The send button whole on screen, right of the text field; the text field's box inside the screen too. */
async function assertSendBoxFits(page: Page, where: string): Promise<void> {
  const width = await page.evaluate<number>('window.innerWidth');
  const height = await page.evaluate<number>('window.innerHeight');
  const button = await box(page, SEND_BUTTON);
  const field = await box(page, SEND_FIELD);
  assert.ok(
    button.left >= 0 && button.right <= width && button.top >= 0 && button.bottom <= height,
    `${where}: the send button is whole on the ${width} × ${height} screen (${JSON.stringify(button)})`,
  );
  assert.ok(field.right <= button.left && field.left >= 0, `${where}: the text field stops before the button (${JSON.stringify(field)})`);
}

/** The chat starts, larger text on, and the menu is on screen. */
async function startWithLargerText(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Agrandir le texte' }).click();
  await page.getByRole('button', { name: 'Commencer la conversation' }).click();
  await seen(page, 'Que souhaitez-vous faire ?');
}

/** What the time « H h MM » is in France at an instant. */
function parisClock(at: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: 'numeric', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return `${Number(parts.hour)} h ${parts.minute}`;
}

const announced = (page: Page) => page.evaluate<{ region: string; text: string }[]>('window.announced');

describe('the Web Chat page in Chromium', function () {
  this.timeout(120_000);
  let bot: BotUnderTest;
  let browser: BrowserSession;

  before(async function () {
    if (!chromiumAvailable()) {
      if (chromiumRequired()) throw new Error('Chromium REQUIRED (CI or REQUIRE_CHROMIUM=1) but /usr/bin/chromium is missing');
      console.log('      browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');
      this.skip();
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    bot = await startBot();
    browser = await launchChromium({ width: 420, height: 900 });
  });
  after(async () => {
    await browser?.close();
    await bot?.close();
  });

  it('shows the notice in French, sets no cookie and loads no chat code before the person starts', async () => {
    const page = await browser.context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${bot.url}/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.getByRole('heading', { level: 2 }).first().textContent(), 'Avant de commencer');
    assert.ok(await page.getByRole('link', { name: 'En savoir plus sur vos données et vos droits' }).isVisible());
    assert.deepEqual(await browser.context.cookies(), []);
    assert.equal(await page.evaluate('localStorage.length + sessionStorage.length'), 0);
    assert.ok(!requested.includes('/webchat/webchat.js'), 'Web Chat is loaded only once the person starts');
    await page.close();
  });

  it('lets a new user find a place in Mende and book a session to the confirmation, all from this machine', async () => {
    const outside = await watchOutside(browser);
    const page = await browser.context.newPage();
    await page.goto(`${bot.url}/`);
    await page.getByRole('button', { name: 'Commencer la conversation' }).click();
    await seen(page, 'Que souhaitez-vous faire ?');
    assert.ok(await page.getByPlaceholder('Tapez votre message').isVisible(), "Web Chat's own strings are French");

    await send(page, 'je cherche un lieu à Mende');
    await seen(page, /lieux les plus proches de Mende/);
    const places = await page
      .locator('.webchat__bubble__content')
      .filter({ hasText: /lieux les plus proches de Mende/ })
      .last()
      .innerText();
    assert.match(places, /- .+, .+ Mende, .+Tél\.\s\d\d\s\d\d\s\d\d\s\d\d\s\d\d/);

    // After the places, the bot offers to book at one of them: the person does, at the first.
    await choose(page, /Réserver une séance$/);
    await seen(page, 'Dans quel lieu ?');
    await choose(page, /Commune de Mende$/);
    await seen(page, /Quel est le numéro de votre carnet/);
    await send(page, MARTINE.voucherBookNumber);
    await seen(page, /Quelle est votre date de naissance/);
    await send(page, MARTINE.birth);
    // Place, parcours, session…: take the first offer at each question, then say yes.
    await answerUntilBooked(page);
    await seen(page, /^C'est réservé : /);
    await seen(page, 'Il vous reste 6 heures.');
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat.png') });

    assert.deepEqual(outside, [], 'no request left this machine');
    assert.deepEqual(await browser.context.cookies(), [], 'no cookie, even after chatting');
    await page.close();
  });

  it('answers « près de moi » with the places nearest to the position the browser shares', async () => {
    await browser.context.grantPermissions(['geolocation'], { origin: bot.url });
    await browser.context.setGeolocation(MENDE);
    const page = await browser.context.newPage();
    await page.goto(`${bot.url}/`);
    await page.getByRole('button', { name: 'Commencer la conversation' }).click();
    await seen(page, 'Que souhaitez-vous faire ?');
    await page.getByRole('button', { name: 'Trouver un lieu près de moi' }).click();
    await seen(page, /Les 3 lieux les plus proches de vous/);
    assert.equal(await page.getByRole('status').textContent(), "Position envoyée à l'assistant.");
    await page.close();
  });

  it('works at 320 px wide with larger text, keyboard only', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto(`${bot.url}/`);
    await page.getByRole('button', { name: 'Agrandir le texte' }).click();
    assert.equal(await page.getAttribute('#larger-text', 'aria-pressed'), 'true');
    // Keyboard: Tab reaches the start button, Enter starts.
    await page.locator('#start').focus();
    await page.keyboard.press('Enter');
    await seen(page, 'Que souhaitez-vous faire ?');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await seen(page, /Dans quelle commune habitez-vous/);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `no horizontal scrolling at 320 px (${overflow} px too wide)`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-320.png'), fullPage: true });
    await page.close();
  });

  it('at 320 px with larger text, the send button is whole on screen beside the text field', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 320, height: 730 });
    await startWithLargerText(page, bot.url);
    await assertSendBoxFits(page, '320 px, larger text');
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-320-larger.png') });
    await page.close();
  });

  it('at 320 px with larger text, the header is compact while chatting: the chat has three quarters of the height', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 320, height: 730 });
    await startWithLargerText(page, bot.url);
    const chat = await box(page, '#webchat');
    assert.ok(chat.bottom - chat.top >= 0.75 * 730, `the chat is ${chat.bottom - chat.top} px high of 730 (starts at ${chat.top} px)`);
    await page.close();
  });

  it('at 200 % zoom (a 1280 × 720 window) with larger text, the send box fits and Tab reaches the send button, focus visible', async () => {
    const zoomed = await launchChromium({ width: 640, height: 360, deviceScaleFactor: 2 });
    try {
      const page = await zoomed.context.newPage();
      await startWithLargerText(page, bot.url);
      await assertSendBoxFits(page, '200 % zoom, larger text');
      await assertOneScrollArea(page, '200 % zoom, larger text');
      await page.locator(SEND_FIELD).fill('3');
      await page.locator(SEND_FIELD).focus();
      await page.keyboard.press('Tab');
      const focused = await page.evaluate<{ send: boolean; outline: string }>(`(() => {
        const e = document.activeElement;
        return { send: e.matches(${JSON.stringify(SEND_BUTTON)}), outline: getComputedStyle(e).outlineStyle };
      })()`);
      assert.deepEqual(focused, { send: true, outline: 'solid' }, 'Tab from the text field: the send button, outlined');
      await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-zoom200-larger.png') });
      await page.keyboard.press('Enter');
      await seen(page, /Dans quelle commune habitez-vous/);
      await page.close();
    } finally {
      await zoomed.close();
    }
  });

  it('has an icon of its own: no request fails and nothing is logged as an error while the page loads', async () => {
    const page = await browser.context.newPage();
    const failed: string[] = [];
    const errors: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${bot.url}/`);
    await page.getByRole('button', { name: 'Commencer la conversation' }).click();
    await seen(page, 'Que souhaitez-vous faire ?');
    const icon = await page.getAttribute('link[rel="icon"]', 'href');
    assert.ok(icon, 'the page links an icon');
    const svg = await page.request.get(`${bot.url}${icon}`);
    assert.equal(svg.status(), 200);
    assert.match(svg.headers()['content-type'], /^image\/svg\+xml/);
    assert.match(await svg.text(), /^<svg /);
    assert.equal((await page.request.get(`${bot.url}/favicon.ico`)).status(), 204, '/favicon.ico is answered, without an error');
    assert.deepEqual({ failed, errors }, { failed: [], errors: [] });
    await page.close();
  });

  it('stamps messages in French time « Envoyé à 8 h 37 », even in a browser set to another time zone', async () => {
    const abroad = await launchChromium({ width: 420, height: 800, timezoneId: 'America/New_York' });
    try {
      const page = await abroad.context.newPage();
      const before = Date.now();
      await page.goto(`${bot.url}/`);
      await page.getByRole('button', { name: 'Commencer la conversation' }).click();
      await seen(page, 'Que souhaitez-vous faire ?');
      const after = Date.now();
      const paris = new Set([parisClock(before), parisClock(after)]);
      const shown = await page.locator('#webchat .sent-at [aria-hidden="true"]').last().innerText();
      assert.ok(paris.has(shown), `the time shown « ${shown} » is France's (${[...paris].join(' or ')})`);
      const tree = await page.locator('#webchat').ariaSnapshot();
      const read = [...tree.matchAll(/Envoyé [^\n"]*/g)].map((m) => m[0]);
      assert.ok(read.length > 0, 'each message has its time for screen readers');
      for (const said of read) assert.match(said, /^Envoyé à \d{1,2} h \d\d$/, `read « ${said} »`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-times-new-york.png') });
      await page.close();
    } finally {
      await abroad.close();
    }
  });

  it('gives a message of another day its date: « Envoyé le 4 décembre à 18 h 44 », never « Envoyé à 4 décembre »', async () => {
    const page = await browser.context.newPage();
    // The browser two days later than the server: the messages are from another day.
    await page.clock.setFixedTime(Date.now() + 2 * 24 * 3600_000);
    await page.goto(`${bot.url}/`);
    await page.getByRole('button', { name: 'Commencer la conversation' }).click();
    await seen(page, 'Que souhaitez-vous faire ?');
    const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long' }).format(new Date());
    const tree = await page.locator('#webchat').ariaSnapshot();
    const read = [...tree.matchAll(/Envoyé [^\n"]*/g)].map((m) => m[0]);
    assert.ok(read.length > 0, 'each message has its time for screen readers');
    for (const said of read) assert.match(said, new RegExp(`^Envoyé le ${day} à \\d{1,2} h \\d\\d$`), `read « ${said} »`);
    const shown = await page.locator('#webchat .sent-at [aria-hidden="true"]').last().innerText();
    assert.match(shown, new RegExp(`^${day} à \\d{1,2} h \\d\\d$`));
    await page.close();
  });

  for (const width of [320, 360, 1280]) {
    it(`at ${width} px: no button is cut, the header stays, one scroll area, the slots read in full in the message`, async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 640 });
      await page.goto(`${bot.url}/`);
      const shot = (name: string) =>
        width === 320
          ? Promise.resolve()
          : page.screenshot({ path: path.join(ARTIFACTS, `webchat-${width}-${name}.png`) }).then(() => undefined);
      await page.getByRole('button', { name: 'Commencer la conversation' }).click();
      await seen(page, 'Que souhaitez-vous faire ?');
      assert.deepEqual(await overflowingButtons(page), [], 'the menu');
      await shot('1-menu');

      await send(page, 'je cherche un lieu à Mende');
      await seen(page, /lieux les plus proches de Mende/);
      assert.deepEqual(await overflowingButtons(page), [], 'after the places');
      await assertOneScrollArea(page, 'after the places');
      await shot('2-places');

      await send(page, 'menu');
      await seen(page, 'Que souhaitez-vous faire');
      await send(page, 'Réserver une séance');
      await seen(page, /numéro de votre (carnet|chéquier)/);
      const person = width === 1280 ? GERARD : MARTINE;
      await send(page, person.voucherBookNumber);
      await seen(page, /date de naissance/);
      await send(page, person.birth);
      // Up to the sessions: their buttons are short (« 1. mer. 2 déc. 15 h »), the message lists each in full.
      const slotButton = await pickFirstUntil(page, async (option) => SLOT_BUTTON.test(option), 'session list');
      const sessions = await page
        .locator('.webchat__bubble__content')
        .filter({ hasText: /séance/i })
        .last()
        .innerText();
      assert.match(
        sessions,
        /\n1\. \p{L}+ \d{1,2} \p{L}+ à \d{1,2} h(?: \d\d)?/u,
        `the message lists the sessions in full: « ${sessions} »`,
      );
      assert.ok(slotButton.length <= 20, `a slot button names it briefly: « ${slotButton} »`);
      assert.deepEqual(await overflowingButtons(page), [], 'the sessions');
      await assertOneScrollArea(page, 'at the sessions');
      await shot('3-sessions');
      await answerUntilBooked(page);
      await seen(page, /^C'est réservé : /);
      await assertOneScrollArea(page, 'after booking');
      await shot('4-booked');
      await page.close();
    });
  }

  it('announces each new bot message once, in French, without the transcript, and reads times in French', async () => {
    const page = await browser.context.newPage();
    await recordAnnouncements(page);
    await page.goto(`${bot.url}/`);
    await page.getByRole('button', { name: 'Commencer la conversation' }).click();
    await seen(page, 'Que souhaitez-vous faire ?');
    await send(page, 'je cherche un lieu à Mende');
    await seen(page, /lieux les plus proches de Mende/);
    await page.waitForTimeout(1_500);
    const said = await announced(page);
    const places = said.filter((a) => /lieux les plus proches de Mende/.test(a.text));
    assert.equal(places.length, 1, `the places once: ${JSON.stringify(said.map((a) => a.text.slice(0, 60)))}`);
    assert.doesNotMatch(places[0].text, /Que souhaitez-vous faire/, 'not the earlier messages with it');
    assert.ok(!said.some((a) => /\b(said|Bot)\b/.test(a.text)), 'nothing in English');
    // The transcript itself is no live region: a new message never makes it read again.
    const transcriptLive = await page.evaluate<boolean[]>(
      `[...document.querySelectorAll('[role="feed"]')].map((e) => e.closest('[aria-live]:not([aria-live="off"])') !== null)`,
    );
    assert.ok(transcriptLive.length > 0 && transcriptLive.every((live) => !live));
    // The buttons are not read out again each time they change.
    assert.ok(!said.some((a) => /suggested-actions/.test(a.region)), 'the buttons are not announced as a live region');
    // Times: « 8 h 37 », never « 8:37 AM », seen or heard.
    const times = await page.evaluate<string>(`document.querySelector('#webchat').textContent`);
    assert.doesNotMatch(times, /\d:\d\d\s?[AP]M/i);
    const tree = await page.locator('#webchat').ariaSnapshot();
    assert.doesNotMatch(tree, /\d:\d\d\s?[AP]M/i);
    await page.close();
  });

  it("keeps an open conversation and its transcript past the local token's life", async () => {
    const shortLived = await startBot({ webChat: { ...webChatSettings({}), localTokenSeconds: 4 } });
    try {
      const page = await browser.context.newPage();
      await openAtCommuneQuestion(page, shortLived.url);
      // Three token lives later, the same conversation answers, with what was said before still there.
      await page.waitForTimeout(12_000);
      await answerWithTranscriptKept(page);
      assert.equal(await page.getByText(/La conversation a été interrompue/).count(), 0);
      await page.close();
    } finally {
      await shortLived.close();
    }
  });

  it("comes back to the same conversation, transcript kept, after the page slept past its token's life", async () => {
    const shortLived = await startBot({ webChat: { ...webChatSettings({}), localTokenSeconds: 4 } });
    try {
      const page = await browser.context.newPage();
      // A closed laptop: the page's timers stop (no refresh runs) while the server's time goes on.
      await page.clock.install();
      await openAtCommuneQuestion(page, shortLived.url);
      await page.clock.pauseAt(Date.now() + 1_000);
      await page.waitForTimeout(9_000);
      const resumed = page.waitForResponse((r) => r.url().endsWith('/api/directline/token') && /resume/.test(r.request().postData() ?? ''));
      await page.clock.resume();
      assert.equal((await resumed).status(), 200);
      await answerWithTranscriptKept(page);
      assert.equal(
        await page
          .locator('.webchat__bubble__content')
          .filter({ hasText: /Que souhaitez-vous faire/ })
          .count(),
        1,
        'the transcript is not replayed twice',
      );
      assert.equal(await page.getByText(/La conversation a été interrompue/).count(), 0);
      await page.close();
    } finally {
      await shortLived.close();
    }
  });

  it('tells the person the conversation was lost when the server restarted, and starts a new one', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${bot.url}/`);
    await page.getByRole('button', { name: 'Commencer la conversation' }).click();
    await seen(page, 'Que souhaitez-vous faire ?');
    const port = Number(new URL(bot.url).port);
    await bot.close();
    bot = await startBot({ port });
    await send(page, '3');
    await page.getByText(/La conversation a été interrompue/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Recommencer la conversation' }).click();
    await seen(page, 'Que souhaitez-vous faire ?');
    await send(page, '3');
    await seen(page, /Dans quelle commune habitez-vous/);
    await page.close();
  });
});
