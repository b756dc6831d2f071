/**
 * A full booking conversation as a beneficiary has it, for the load:
 * "bonjour" → "5" (réserver) → carnet → birth date → "1" (theme) → "1"
 * (place) → one of the five sessions listed, at random (another one when
 * it was just taken) → "oui". Each conversation is a new benchmark
 * beneficiary (bench/appServer.ts seeds them); it counts as completed on
 * "C'est réservé". Anything unexpected ends the conversation as failed
 * (kept for the report: the first reply that was not understood).
 */
import { BENCH_BIRTH } from './benchIdentity';
import { type Conversation, newConversation, type Scenario } from './load';

const OPENING = ['bonjour', '5'];
const FIRST_OPTION = /Quel parcours|Sur quel sujet|Où souhaitez-vous/;
/** Sessions: people do not all want the same one; a random one of the five listed. */
const SLOT_QUESTION = /Quel moment|Laquelle vous convient|Choisissez-en un autre/;
/** Eight turns without a clash; each « vient d'être pris » adds two. */
const MAX_TURNS = 24;

export interface BookingTally {
  completed: number;
  failed: number;
  firstFailure?: string;
}

export function bookingScenario(voucherBookNumbers: string[], connections: number): Scenario & { tally: BookingTally } {
  const tally: BookingTally = { completed: 0, failed: 0 };
  let nextVoucherBook = 0;
  const fresh = () =>
    nextVoucherBook < voucherBookNumbers.length
      ? newConversation({ voucherBookNumber: voucherBookNumbers[nextVoucherBook++], answer: OPENING[0] })
      : undefined;
  const free: Conversation[] = [];
  for (let i = 0; i < connections * 2; i += 1) {
    const conversation = fresh();
    if (conversation) free.push(conversation);
  }
  const retire = (succeeded: boolean, reply: string) => {
    if (succeeded) tally.completed += 1;
    else {
      tally.failed += 1;
      tally.firstFailure ??= reply.slice(0, 300);
    }
    const next = fresh();
    if (next) free.push(next);
  };
  return {
    tally,
    borrow: () => free.pop(),
    text: (conversation) => String(conversation.data!.answer),
    replied: (conversation, status, reply) => {
      conversation.step += 1;
      const data = conversation.data!;
      if (status !== 200) return retire(false, `HTTP ${status}`);
      if (/C'est réservé/.test(reply)) return retire(true, reply);
      if (conversation.step >= MAX_TURNS) return retire(false, reply);
      if (conversation.step < OPENING.length) data.answer = OPENING[conversation.step];
      else if (conversation.step === OPENING.length) data.answer = data.voucherBookNumber;
      else if (conversation.step === OPENING.length + 1) data.answer = BENCH_BIRTH;
      else if (/Je réserve pour vous/.test(reply)) data.answer = 'oui';
      else if (FIRST_OPTION.test(reply)) data.answer = '1';
      else if (SLOT_QUESTION.test(reply)) data.answer = String(1 + Math.floor(Math.random() * 5));
      else return retire(false, reply);
      free.push(conversation);
    },
  };
}
