/**
 * Every conversation flow, run through the real app with its real logger
 * (pino, redaction and all) at debug level, writing to memory; then every
 * log line is scanned for each kind of personal data, one assertion per
 * kind: phone numbers, birth dates, names of the demo people and of the
 * professionals, carnet numbers (an identifier of one person), what the
 * flows wrote, and a position. Bare commands (« menu », « oui », « 3 »)
 * are not looked for: log lines may legitimately hold such words.
 */
import assert from 'node:assert/strict';
import { loadDemoIdentities } from '../../src/data/demoIdentities';
import { createLogger } from '../../src/logger';
import { matchSmsKeyword } from '../../src/bot/smsKeywords';
import { matchCommand } from '../../src/nlu/commands';
import { parseVoucherBookNumber } from '../../src/domain/voucherBookNumber';
import { type BotUnderTest, startBot } from '../support/botServer';
import { birthDates, voucherBookNumbers, describeFindings, messageTexts, names, phoneNumbers, positions } from './logLeaks';
import { FLOWS, flowContext, NEW_PERSON, POSITION, type Sent } from './logScanFlows';

const DATE = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/;
const PHONE = /^[+\d][\d\s.-]{7,}$/;
/** A carnet number as typed, its check character right or not (« LOZ-MEND-E4M » is one mistyped). */
const isVoucherBookNumberShaped = (text: string) =>
  parseVoucherBookNumber(text).ok || (parseVoucherBookNumber(text) as { reason?: string }).reason === 'check';

/** Texts worth looking for: not a lone command word, a number, a date, a phone or a carnet number (each has its own check). */
function messageTextsOf(sent: Sent): string[] {
  return [...sent.texts].filter((text) => {
    const words = text.trim().split(/\s+/);
    const bareCommand = words.length === 1 && (!!matchCommand(text) || !!matchSmsKeyword(text));
    const numeric = /^[\d\s.,:/h-]*$/.test(text);
    const ownCheck = DATE.test(text) || PHONE.test(text) || isVoucherBookNumberShaped(text);
    return text.trim().length >= 4 && !bareCommand && !numeric && !ownCheck;
  });
}

describe('logs of every conversation flow hold no personal data (debug level)', function () {
  this.timeout(240_000);
  const lines: string[] = [];
  const completed: string[] = [];
  let sent: Sent;
  let bot: BotUnderTest;

  before(async () => {
    const logger = createLogger('debug', { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) });
    // Limits on, as in production, so that a refusal is logged too (the flows stay far below them).
    bot = await startBot({ logger, rateLimits: { perAddressPerMinute: 0, perConversationPerMinute: 40 } });
    const ctx = flowContext(bot);
    sent = ctx.sent;
    for (const [name, flow] of FLOWS) {
      await flow(ctx).catch((error: Error) => {
        throw new Error(`flow « ${name} » did not go as expected: ${error.message}`);
      });
      completed.push(name);
    }
  });
  after(async () => bot?.close());

  it('ran every flow and logged what happened, at debug level', () => {
    assert.deepEqual(
      completed,
      FLOWS.map(([name]) => name),
    );
    const messages = new Set(lines.map((line) => (JSON.parse(line) as { msg?: string }).msg));
    for (const expected of ['request refused', 'request rate limited', 'unhandled error in a turn', 'sms not configured: nothing sent']) {
      assert.ok(messages.has(expected), `no « ${expected} » line: the scan would prove nothing about it`);
    }
    assert.ok(
      lines.some((line) => /"msg":"outbox message /.test(line)),
      'no outbox line',
    );
    console.log(`      log scan: ${lines.length} lines, ${completed.length} flows, ${sent.texts.size} distinct texts sent`);
  });

  it('no phone numbers', () => {
    const demoPhones = loadDemoIdentities().beneficiaries.flatMap((b) => (b.phone ? [b.phone] : []));
    const findings = phoneNumbers(lines, [...sent.phones, ...demoPhones, NEW_PERSON.phone]);
    assert.deepEqual(findings, [], describeFindings('phone numbers', findings, lines));
  });

  it('no birth dates', () => {
    const demo = loadDemoIdentities().beneficiaries.map((b) => b.birthDate.split('-').map(Number));
    const typed = [...sent.texts].flatMap((text) => {
      const m = DATE.exec(text);
      return m ? [[Number(m[3]), Number(m[2]), Number(m[1])]] : [];
    });
    const dates = [...demo, ...typed].map(([year, month, day]) => ({ year: year, month: month, day: day }));
    const findings = birthDates(lines, dates);
    assert.deepEqual(findings, [], describeFindings('birth dates', findings, lines));
  });

  it('no names of the demo beneficiaries, the prescribers, the trainers or the person created', () => {
    const demo = loadDemoIdentities();
    const people = [
      ...demo.beneficiaries.flatMap((b) => [b.firstName, b.lastName]),
      ...demo.prescribers.map((p) => p.displayName.replace(/\s*\(.*\)\s*$/, '')),
      ...Object.values(demo.trainers.firstNames).flat(),
      ...NEW_PERSON.name.split(' '),
      'Delmaz',
    ];
    const findings = names(lines, people);
    assert.deepEqual(findings, [], describeFindings('names', findings, lines));
  });

  it('no carnet numbers', () => {
    const used = [...sent.texts].filter(isVoucherBookNumberShaped);
    const findings = voucherBookNumbers(lines, [...used, ...loadDemoIdentities().beneficiaries.map((b) => b.voucherBookNumber)]);
    assert.deepEqual(findings, [], describeFindings('carnet numbers', findings, lines));
  });

  it('no text of any message the flows sent', () => {
    const findings = messageTexts(lines, messageTextsOf(sent));
    assert.deepEqual(findings, [], describeFindings('message texts', findings, lines));
  });

  it('no position sent by the Web Chat page', () => {
    const findings = positions(lines, [POSITION.lat, POSITION.lng]);
    assert.deepEqual(findings, [], describeFindings('positions', findings, lines));
  });
});
