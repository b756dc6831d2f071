/**
 * One reply as SMS text: options numbered under the question, the
 * « Répondez » line, everything folded to GSM-7 (gsm7.ts) so that no
 * character turns the message into UCS-2. The question and its list go in
 * one message (splitSms), with the heading that opens them (« Voici les
 * séances libres … : »), so they must fit its 320 characters.
 */
import type { Translate } from '../../i18n';
import { joinWithOr } from '../../wording';
import type { Reply } from '../reply';
import { OPENS_WHAT_FOLLOWS } from '../splitText';
import { toGsm7 } from './gsm7';
import { MAX_CHARACTERS, type SmsBlock } from './splitSms';

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

function numbered(labels: readonly string[], t: Translate): string {
  return toGsm7(`${labels.map((label, i) => `${i + 1}. ${label}`).join('\n')}\n${answerLine(labels.length, t)}`);
}

export function smsBlock(reply: Reply, t: Translate): SmsBlock {
  const choices = reply.choices ?? [];
  const text = toGsm7(reply.text);
  if (choices.length === 0) return { text };
  // The options in full (reply.details) when the buttons elsewhere carry short labels, if they fit one message with
  // their question and the heading that opens it (« Voici les séances libres … : », « Laquelle ? »); else the short
  // labels (« mer. 2 déc. 14 h ») if those fit; with a heading too long for either, the full ones with the question
  // alone. A list is never cut.
  const full = reply.details && numbered(reply.details, t);
  const short = numbered(choices, t);
  const lines = text.split('\n');
  let opening = lines.length - 1;
  while (opening > 0 && OPENS_WHAT_FOLLOWS.test(lines[opening - 1])) opening -= 1;
  const fits = (question: string, list: string) => [...`${question}\n${list}`].length <= MAX_CHARACTERS;
  const headed = lines.slice(opening).join('\n');
  const question = lines[lines.length - 1];
  const preferred: [string, string | undefined][] = [
    [headed, full],
    [headed, short],
    [question, full],
  ];
  const list = preferred.find(([before, options]) => options && fits(before, options))?.[1] ?? short;
  return { text, list };
}
