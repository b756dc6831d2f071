/**
 * One reply as SMS text: options numbered under the question, the
 * « Répondez » line, everything folded to GSM-7 (gsm7.ts) so that no
 * character turns the message into UCS-2.
 */
import type { Translate } from '../../i18n';
import { joinWithOr } from '../../wording';
import type { Reply } from '../reply';
import { toGsm7 } from './gsm7';
import type { SmsBlock } from './splitSms';

/** « Répondez 1 ou 2. », « Répondez 1, 2 ou 3. », and past three « Répondez de 1 à 7. », shorter. */
function answerLine(count: number, t: Translate): string {
  if (count > 3) return t('common.answer_from_to', { last: count });
  return t('common.answer_with_number', {
    numbers: joinWithOr(
      Array.from({ length: count }, (_, i) => String(i + 1)),
      t,
    ),
  });
}

export function smsBlock(reply: Reply, t: Translate): SmsBlock {
  const choices = reply.choices ?? [];
  const text = toGsm7(reply.text);
  if (choices.length === 0) return { text };
  // The options in full (reply.details) when the buttons elsewhere carry short labels.
  const list = `${(reply.details ?? choices).map((label, i) => `${i + 1}. ${label}`).join('\n')}\n${answerLine(choices.length, t)}`;
  return { text, list: toGsm7(list) };
}
