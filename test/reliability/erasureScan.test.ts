/**
 * After « supprimer mes données », no collection holds that person's
 * personal data any more: the raw datafiles of every collection (embedded
 * store on disk, compacted when closed) are searched for their names,
 * birth date (as stored and as typed), phone number and commune.
 * The person first booked a session and talked on SMS, so their data had
 * reached bookings, bot state, channel links and audit.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Beneficiary } from '../../src/domain/types';
import { type BotUnderTest, startBot } from '../support/botServer';
import { MARTINE } from '../support/personas';

// A phone that is not Martine's phone on file, so the conversation goes carnet → birth date.
const PHONE = '+33639980199';

/** Every way the person's data could have been written. */
function traces(person: Beneficiary): string[] {
  const [year, month, day] = person.birthDate.split('-');
  const phones = [PHONE, person.phone].filter((p): p is string => Boolean(p));
  return [
    person.firstName,
    person.lastName,
    person.birthDate,
    `${day}/${month}/${year}`,
    ...phones.flatMap((p) => [p, p.replace(/^\+33/, '0'), p.replace(/^\+33/, '')]),
  ];
}

async function findTraces(dataDir: string, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of (await readdir(dataDir)).filter((name) => name.endsWith('.db'))) {
    const text = await readFile(path.join(dataDir, file), 'utf8');
    for (const needle of needles) if (text.includes(needle)) found.push(`${file}: ${needle.replace(/\d(?=\d{2})/g, '•')}`);
  }
  return found;
}

describe('erasure leaves no personal data in any collection', function () {
  this.timeout(90_000);
  let dataDir: string;
  let bot: BotUnderTest | undefined;
  let needles: string[];

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'erasure-scan-'));
    bot = await startBot({ dataDir });
    const person = (await bot.stores.beneficiaries.get(MARTINE.id))!;
    needles = traces(person);
    const chat = bot.conversation('sms', PHONE);
    for (const text of ['bonjour', 'réserver une séance', MARTINE.voucherBookNumber, MARTINE.birth, '1', '1', 'oui', 'non'])
      await chat.say(text);
    // The data did reach the store: the scan below can find it.
    await bot.close();
    bot = undefined;
    assert.ok((await findTraces(dataDir, needles)).length > 0, 'the person left no trace before erasure: the scan proves nothing');
    bot = await startBot({ dataDir, seed: false });
    const erasing = bot.conversation('sms', PHONE);
    await erasing.say('bonjour');
    // The phone is remembered: the confirming turn asks the birth date, as proof.
    assert.match((await erasing.texts('supprimer mes données')).join('\n'), /Pour confirmer, écrivez votre date de naissance/);
    assert.match((await erasing.texts(MARTINE.birth)).join('\n'), /vos données personnelles sont effacées/);
    await bot.close();
    bot = undefined;
  });
  after(async () => {
    await bot?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finds none of their names, birth date or phone number in any collection', async () => {
    assert.deepEqual(await findTraces(dataDir, needles), []);
  });
});
