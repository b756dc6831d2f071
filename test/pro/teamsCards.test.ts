/**
 * What a professional reads in Teams: one card a turn, buttons that work
 * from every Teams client, figures as FactSets and Tables whose numbers
 * agree, and the sessions a trainer can actually mark.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { type BotUnderTest, startBot } from '../support/botServer';
import { activityText, CLAIRE, chatAs, DEMO_TENANT, JULIEN, LOZERE_TRAINER, type TeamsClient } from '../support/teamsChat';
import { martineAtTrainersPlace } from '../support/trainerBooking';
import { FIGURES_CSV_PATH } from '../../src/http/figuresCsvRoute';
import { ProgrammeFigures } from '../../src/services/pro/figures';
import { FiguresLinks } from '../../src/services/pro/figuresLinks';
import { ProAccess } from '../../src/services/pro/proAccess';
import { ProfessionalDirectory } from '../../src/services/pro/professionalDirectory';
import { MARTINE } from '../support/personas';

type Element = {
  type: string;
  text?: string;
  facts?: { title: string; value: string }[];
  rows?: { cells: { items: { text: string }[] }[] }[];
  actions?: { type: string; url?: string }[];
};
interface Card {
  version: string;
  body: Element[];
  actions: { title: string }[];
}

/** The one card of a reply (and that it is the only activity, with no text beside it). */
function onlyCard(replies: Partial<Activity>[]): Card {
  assert.equal(replies.length, 1, `one activity, not ${replies.length}: ${replies.map(activityText).join(' | ')}`);
  const [reply] = replies;
  assert.equal(reply.text, undefined, 'no text beside the card (Teams would show it twice)');
  assert.equal(reply.attachments?.length, 1);
  return reply.attachments[0].content as Card;
}

const tableRows = (table: Element) => table.rows!.slice(1).map((row) => row.cells.map((cell) => cell.items[0].text));
const hoursIn = (value: string) => Number(/^(\d+) h/.exec(value)?.[1]);

describe('Teams cards for professionals', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  for (const client of ['desktop', 'mobile'] as TeamsClient[]) {
    it(`prescribes with the buttons as the ${client} client posts them${client === 'mobile' ? ' (value only, no text)' : ' (messageBack)'}`, async () => {
      const chat = chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT });
      const file = await chat.say('Martine Delmas');
      assert.match(activityText(file[0]), new RegExp(String.raw`Carnet ${MARTINE.voucherBookNumber}`));
      const question = await chat.press(file, 'Prescrire un carnet', client);
      assert.match(activityText(question[0]), /Prescrire un \d+e carnet de 10 heures à Martine Delmas \?/);
      const done = await chat.press(question, 'Oui', client);
      const text = activityText(done[0]);
      assert.match(text, /C'est fait : carnet LOZ-/);
      // One reply: the confirmation and the next question, never « Je ne trouve personne » after it.
      onlyCard(done);
      assert.doesNotMatch(text, /Je ne trouve personne/);
      assert.match(text, /Autre chose \?/);
    });
  }

  it('a greeting, « oui » or « ok » at the menu is not a name to look for', async () => {
    const chat = chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT });
    const hello = activityText(onlyCard(await chat.say('allo')) && (await chat.say('bonjour'))[0]);
    assert.match(hello, /^Bonjour Claire/);
    for (const word of ['oui', 'ok', 'bonsoir']) assert.doesNotMatch(await chat.texts(word), /Je ne trouve personne/, word);
  });

  it('an unregistered professional saying who they are gets one reply: who gives access, and how to reach them', async () => {
    const chat = chatAs(bot, { aadObjectId: '99999999-0000-4000-8000-000000000002', tenantId: DEMO_TENANT });
    const replies = await chat.say('je suis travailleuse sociale au CMS de Valence');
    onlyCard(replies);
    const text = activityText(replies[0]);
    assert.match(text, /demandez-le à la coordination du Pass numérique de votre département/);
    assert.match(
      text,
      /Drôme : Département de la Drôme, standard 04 75 79 26 26 \(demandez la coordination du Pass'numérique\), https:\/\/www\.ladrome\.fr/,
    );
    assert.doesNotMatch(text, /Que souhaitez-vous faire/);
  });

  it('gives the figures as FactSets and Tables with French dates, numbers that agree, and the CSV to download', async () => {
    const replies = await chatAs(bot, { aadObjectId: JULIEN, tenantId: DEMO_TENANT }).say('chiffres');
    const card = onlyCard(replies);
    assert.equal(card.version, '1.5');
    const title = card.body[0].text!;
    assert.match(title, /^Pass'numérique \(Drôme\) : les chiffres du 1er janvier au \d{1,2}(er)? \p{L}+ \d{4}$/u);
    assert.doesNotMatch(JSON.stringify(card), /\d{4}-\d\d-\d\d|\b\d{4}-\d\d\b/, 'no ISO date anywhere');

    const facts = new Map(card.body.find((e) => e.type === 'FactSet')!.facts!.map((f) => [f.title, f.value]));
    const reserved = hoursIn(facts.get('Heures réservées sur la période')!);
    const consumed = hoursIn(facts.get('Heures consommées')!);
    const people = Number(facts.get('Bénéficiaires (un chéquier ou une heure sur la période)'));
    assert.ok(reserved > 0 && people > 0);

    const tables = card.body.filter((e) => e.type === 'Table');
    assert.equal(tables.length, 4, 'by theme, place, structure and month');
    for (const table of tables.slice(0, 2)) {
      const rows = tableRows(table);
      // Every grouping of the hours adds up to the headline, and nobody counted there is missing from its rows.
      assert.equal(
        rows.reduce((sum, row) => sum + Number(row[2]), 0),
        reserved,
      );
      assert.equal(
        rows.reduce((sum, row) => sum + Number(row[3]), 0),
        consumed,
      );
      for (const row of rows) if (Number(row[2]) > 0) assert.ok(Number(row[1]) > 0, `row ${row[0]} counts its people`);
    }
    const months = tableRows(tables[3]).map((row) => row[0]);
    for (const month of months) assert.match(month, /^\p{Ll}+ \d{4}$/u);

    const state = card.body
      .map((e) => e.text ?? '')
      .filter((line) => /^• (Heures|Total)/.test(line))
      .map((line) => hoursIn(line.replace(/^.*: /, '')));
    assert.equal(state.length, 5);
    assert.equal(state[0] + state[1] + state[2] + state[3], state[4], 'available + pending + consumed + expired = prescribed');
    assert.match(facts.get('Chéquiers prescrits')!, new RegExp(`\\(${state[4]} h\\)`));

    const link = card.body.find((e) => e.type === 'ActionSet')!.actions![0];
    assert.equal(link.type, 'Action.OpenUrl');
    const csv = await fetch(link.url!);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type')!, /^text\/csv/);
    assert.match(csv.headers.get('content-disposition')!, /attachment; filename="chiffres-drome-/);
    // The byte-order mark (spreadsheets read the accents with it); fetch's text() would hide it.
    assert.match(Buffer.from(await csv.arrayBuffer()).toString('utf8'), /^\uFEFFregroupement,valeur,bénéficiaires,/);
    const forged = await fetch(link.url!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    assert.equal(forged.status, 404);
  });

  it('a CSV link stops working after 15 minutes', async () => {
    const directory = new ProfessionalDirectory(bot.stores);
    const links = new FiguresLinks(bot.stores, directory, new ProgrammeFigures(bot.stores, new ProAccess(bot.stores)));
    const sign = (minutesAgo: number) =>
      links.sign(
        { aadObjectId: JULIEN, tenantId: DEMO_TENANT },
        'drome',
        '2026-01-01',
        '2026-12-02',
        new Date(bot.clock.now().getTime() - minutesAgo * 60_000),
      );
    const url = (token: string | undefined) => `${bot.url}${FIGURES_CSV_PATH}?t=${encodeURIComponent(token!)}`;
    assert.equal((await fetch(url(await sign(14)))).status, 200);
    assert.equal((await fetch(url(await sign(16)))).status, 410);
  });

  // The tests share one bot and Martine is never in two sessions at once: each books its own hours of the day.
  it('« Chiffres » typed while the session list is open gives the figures', async () => {
    await martineAtTrainersPlace(bot, -2);
    const chat = chatAs(bot, { aadObjectId: JULIEN, tenantId: DEMO_TENANT });
    assert.match(await chat.texts('séances de la semaine'), /Séances des 7 prochains jours|Aucune séance/);
    const answer = await chat.texts('Chiffres');
    assert.match(answer, /les chiffres du 1er janvier/);
  });

  it('lists a session with its subject, a future one as « à venir » and not as a button to mark', async () => {
    await martineAtTrainersPlace(bot, -0.5, 'competences-de-base');
    await martineAtTrainersPlace(bot, 0.6);
    const chat = chatAs(bot, { aadObjectId: LOZERE_TRAINER, tenantId: DEMO_TENANT });
    const card = onlyCard(await chat.say('séances du jour'));
    const text = card.body.map((e) => e.text ?? '').join('\n');
    assert.match(text, /— Martine D\. — .+ — Compétences de base \(à marquer\)/);
    assert.match(text, /— Martine D\. — .+ — sujet non précisé \(à venir\)/);
    const buttons = card.actions.map((a) => a.title);
    // Only the started sessions can be marked: the later one is no button.
    assert.equal(buttons.filter((b) => /Martine D\./.test(b)).length, text.match(/\(à marquer\)/g)!.length);
  });

  it("shows the trainer the subject in the person's own words, next to the theme they were matched to", async () => {
    await martineAtTrainersPlace(bot, 1.8, 'competences-de-base', 'internet et mail');
    const chat = chatAs(bot, { aadObjectId: LOZERE_TRAINER, tenantId: DEMO_TENANT });
    const text = onlyCard(await chat.say('séances du jour'))
      .body.map((e) => e.text ?? '')
      .join('\n');
    assert.match(text, /— Martine D\. — .+ — Compétences de base « internet et mail » \(à venir\)/);
  });
});
