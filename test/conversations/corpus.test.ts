/**
 * The conversation corpus: one YAML file per conversation in corpus/, written
 * the way people write (no accents, SMS style, typos, changes of mind), each
 * turn with what the bot must mean — `expect` (a pattern the answer must
 * hold), `never` (one it must not) — and, at the end, what must have changed
 * in the store (`hours`: a carnet's hours left). On Teams, `as` names the
 * professional typing (Claire prescribes in Lozère, Julien coordinates the
 * Drôme, the trainers mark attendance) or an unregistered colleague. A new
 * behaviour is pinned here first; every fault found by people or by the
 * random walk gets one.
 */
import assert from 'node:assert/strict';
import { segmentsOf } from '../../src/channels/sms/segments';
import { corpusFiles, playConversation, readConversation } from '../support/corpus';
import { smsProblems, visibleTexts } from './invariants';

const files = corpusFiles();

/**
 * What one SMS turn may bill, all its messages together: no turn above 5
 * segments, and at most this many above 3 (a reply to two requests, an
 * aside and the question asked again, a text asked for with PLUS). Lower
 * them as wording gets shorter; a new long turn has to say why it is. They
 * were 6 and 59 before the SMS wording was shortened (`node
 * dist/bench/smsCorpusSegments.js` lists the turns over 2): 42 then, on
 * 517 conversations; 58 once 43 conversations of the same day were added
 * (identification + answer, asides over a question, first messages), not
 * yet shortened; 36 once the SMS menu and the parcours question fit one
 * segment each and the privacy, absence and first-answer texts were cut;
 * 39 on 666 conversations, once those of 6 December were added (a relative's hours,
 * the lock-out with a local phone, the in-person ways to a person, the booking
 * of a last hour taken back after a cancellation).
 */
const SMS_TURN_MAX_SEGMENTS = 5;
const SMS_TURNS_OVER_3_SEGMENTS = 39;

/** « 14h00 », « 9h30 »: times as the bot no longer writes them. */
const BOT_NEVER_WRITES = /\d{1,2}h\d\d/;

describe(`the conversation corpus (${files.length} conversations)`, function () {
  this.timeout(60_000);
  const smsFiles = new Set(files.filter((file) => readConversation(file).channel === 'sms'));
  const smsTurns: { file: string; said: string; segments: number }[] = [];

  after(function () {
    // Counted over the whole SMS corpus only (not a --grep of it).
    if (new Set(smsTurns.map((turn) => turn.file)).size < smsFiles.size) return;
    const over = smsTurns.filter((turn) => turn.segments > 3);
    assert.ok(
      over.length <= SMS_TURNS_OVER_3_SEGMENTS,
      `${over.length} SMS turns over 3 segments (at most ${SMS_TURNS_OVER_3_SEGMENTS}):\n${over.map((turn) => `${turn.file} « ${turn.said} »: ${turn.segments}`).join('\n')}`,
    );
  });

  for (const file of files) {
    const conversation = readConversation(file);
    // A pattern in a format the bot never writes would pass (never) or fail (expect) for the wrong reason.
    for (const turn of conversation.turns) {
      for (const pattern of [turn.expect, turn.never]) {
        if (pattern && BOT_NEVER_WRITES.test(pattern))
          throw new Error(`${file}: « ${pattern} »: the bot writes times « 14 h », « 14 h 30 » (locales/fr formats)`);
      }
    }
    it(`${file}: ${conversation.title}`, async () => {
      const transcript: string[] = [];
      await playConversation(
        conversation,
        (turn, replies) => {
          const answer = visibleTexts(replies).join('\n');
          transcript.push(`> ${turn.say}`, `< ${answer.replace(/\n/g, '\n  ')}`);
          const where = `\n${transcript.slice(-8).join('\n')}`;
          // Every SMS as sent: GSM-7, at most 3 segments and 320 characters, no card; the turn's SMS together at most 5 segments.
          if (conversation.channel === 'sms') {
            assert.deepEqual(smsProblems(replies), [], `after « ${turn.say} »${where}`);
            const segments = segmentsOf(replies.filter((a) => (a.type ?? 'message') === 'message' && a.text).map((a) => a.text!));
            smsTurns.push({ file, said: turn.say, segments });
            assert.ok(segments <= SMS_TURN_MAX_SEGMENTS, `after « ${turn.say} »: ${segments} billed segments${where}`);
          }
          if (turn.expect) assert.match(answer, new RegExp(turn.expect, 'iu'), `after « ${turn.say} »${where}`);
          if (turn.never) assert.doesNotMatch(answer, new RegExp(turn.never, 'iu'), `after « ${turn.say} »${where}`);
        },
        async (bot) => {
          for (const [voucherBookNumber, hours] of Object.entries(conversation.hours ?? {})) {
            assert.equal(
              (await bot.stores.voucherBooks.getByNumber(voucherBookNumber))?.hoursLeft,
              hours,
              `hours left on ${voucherBookNumber}`,
            );
          }
        },
      );
    });
  }
});
