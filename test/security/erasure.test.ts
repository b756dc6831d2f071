/**
 * « Supprimer mes données » (issue 16, medium 11 and 12; issue 14 fault 12):
 * the confirming turn asks the birth date again, even on a remembered
 * device, and says what is lost; right after « c'est fait » the raw
 * datafiles hold none of the person's data; the data folder is private;
 * « qui a vu mes infos » gives the access log, not erasure; what the bot
 * says about retention is what the Web Chat pages say.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { french } from '../../src/i18n';
import { type BotUnderTest, startBot } from '../support/botServer';
import { martineAtTrainersPlace } from '../support/trainerBooking';
import { MARTINE } from '../support/personas';

const PHONE = '+33639980177';

describe('erasure asks fresh proof, says what is lost, leaves nothing on disk', function () {
  this.timeout(90_000);
  let dataDir: string;
  let bot: BotUnderTest;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'erasure-now-'));
    bot = await startBot({ dataDir });
  });
  afterEach(async () => {
    await bot.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Martine on SMS, identified once: the phone is now remembered. */
  async function rememberedPhone() {
    const first = bot.conversation('sms', PHONE);
    for (const text of ['bonjour', 'mes heures', MARTINE.voucherBookNumber, MARTINE.birth]) await first.say(text);
    const later = bot.conversation('sms', PHONE);
    await later.say('bonjour');
    return later;
  }

  it('on a remembered phone, asks the birth date in the confirming turn and says the hours and sessions lost', async () => {
    const chat = await rememberedPhone();
    const question = (await chat.texts('supprimer mes données')).join('\n');
    assert.match(question, /Vos 7 heures restantes seront perdues\. Votre séance à venir sera annulée\. C'est définitif\./);
    assert.match(question, /Pour confirmer, écrivez votre date de naissance/);
    assert.match((await chat.texts('oui')).join('\n'), /Je n'ai pas reconnu une date/);
    assert.match((await chat.texts('01/01/1950')).join('\n'), /Cette date ne correspond pas : je n'ai rien effacé/);
    assert.ok(await bot.stores.beneficiaries.get(MARTINE.id), 'a wrong date erased her');
  });

  it("right after « c'est fait », no raw datafile holds her name, birth date or phone; the folder and files are private", async () => {
    const person = (await bot.stores.beneficiaries.get(MARTINE.id))!;
    // What she wrote about her subject is hers too: the booking stays for the figures, her words go.
    const words = 'les photos de mes petits-enfants Léon et Zoé';
    await martineAtTrainersPlace(bot, 30, 'competences-de-base', words);
    const chat = await rememberedPhone();
    await chat.say('supprimer mes données');
    assert.match((await chat.texts(MARTINE.birth)).join('\n'), /vos données personnelles sont effacées/);
    // Not closed, not waited for: the files as they are when the person reads « c'est fait ».
    const needles = [person.firstName, person.lastName, person.birthDate, PHONE, PHONE.replace(/^\+33/, '0'), person.phone, words].filter(
      Boolean,
    ) as string[];
    const found: string[] = [];
    for (const file of (await readdir(dataDir)).filter((f) => f.endsWith('.db'))) {
      const text = await readFile(path.join(dataDir, file), 'utf8');
      for (const needle of needles) if (text.includes(needle)) found.push(`${file}: ${needle.length} chars`);
    }
    assert.deepEqual(found, []);
    assert.equal((await stat(dataDir)).mode & 0o777, 0o700);
    for (const file of await readdir(dataDir)) {
      assert.equal((await stat(path.join(dataDir, file))).mode & 0o077, 0, `${file} is readable by others`);
    }
  });

  it('erased on Web Chat, she is a stranger in the SMS conversation where she had proved who she was, and her hours are lost as she was told', async () => {
    const sms = await rememberedPhone();
    assert.match((await sms.texts('mes heures')).join('\n'), /7 heures restantes/);
    const web = bot.conversation('webchat');
    for (const text of ['bonjour', 'mes heures', MARTINE.voucherBookNumber, MARTINE.birth]) await web.say(text);
    await web.say('supprimer mes données');
    assert.match((await web.texts(MARTINE.birth)).join('\n'), /vos données personnelles sont effacées/);
    const asked = (await sms.texts('mes heures')).join('\n');
    assert.match(asked, /numéro de votre carnet/);
    assert.doesNotMatch(asked, /heures restantes/);
    const book = await bot.stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber);
    assert.deepEqual([book?.status, book?.hoursLeft], ['expired', 0]);
  });

  it('« qui a vu mes infos » gives the access log and whom to call, never the erasure', async () => {
    const chat = await rememberedPhone();
    const answer = (await chat.texts('qui a vu mes infos ?')).join('\n');
    assert.doesNotMatch(answer, /effacer|supprimer/i);
    // On SMS, the shorter « Une question sur vos données ? Appelez : » (« Pour toute question … vous pouvez joindre : » elsewhere).
    assert.match(answer, /Une question sur vos données \? Appelez :\n- /);
    assert.match(answer, /\b0\d(?: ?\d\d){4}\b/, 'a phone number to call');
  });

  it('what the bot says about retention is what the Web Chat notice and /confidentialite say', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    const said = (await chat.texts('mes données')).join('\n');
    const t = french();
    assert.ok(said.includes(t('webchat:privacy.how_long', { count: 30 })), said);
    assert.ok(said.includes(t('webchat:notice.data', { count: 30 }).split('. ').at(-1)!.replace(/\.$/, '')), said);
    const page = await (await fetch(`${bot.url}/confidentialite`)).text();
    assert.ok(
      page.includes(t('webchat:privacy.how_long', { count: 30 }).replace(/'/g, '&#39;')) ||
        page.includes(t('webchat:privacy.how_long', { count: 30 })),
    );
    assert.doesNotMatch(said, /Je ne garde pas le texte|24 mois/);
  });
});
