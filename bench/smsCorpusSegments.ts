/**
 * What each bot turn of the SMS corpus costs: every SMS conversation of
 * test/conversations/corpus played on the real bot, the turns over two
 * billed segments printed with their messages (« | » between two SMS), and
 * how many turns cost 1, 2, 3… `node dist/bench/smsCorpusSegments.js`,
 * or with file names as arguments for those only.
 */
import { segmentsOf } from '../src/channels/sms/segments';
import { corpusFiles, playConversation, readConversation } from '../test/support/corpus';

export interface CorpusTurnCost {
  file: string;
  said: string;
  texts: string[];
  segments: number;
}

export async function smsCorpusTurns(files: string[] = corpusFiles()): Promise<CorpusTurnCost[]> {
  const turns: CorpusTurnCost[] = [];
  for (const file of files) {
    const conversation = readConversation(file);
    if (conversation.channel !== 'sms') continue;
    await playConversation(conversation, (turn, replies) => {
      const texts = replies.filter((a) => (a.type ?? 'message') === 'message' && a.text).map((a) => a.text!);
      turns.push({ file, said: turn.say, texts, segments: segmentsOf(texts) });
    });
  }
  return turns;
}

if (require.main === module) {
  const only = process.argv.slice(2);
  void smsCorpusTurns(only.length ? only : undefined).then(
    (turns) => {
      const tally = new Map<number, number>();
      for (const turn of turns) tally.set(turn.segments, (tally.get(turn.segments) ?? 0) + 1);
      for (const turn of turns.filter((t) => t.segments > 2).sort((a, b) => b.segments - a.segments)) {
        console.log(
          `${turn.segments} segments (${turn.texts.map((text) => [...text].length).join(' + ')} characters)  ${turn.file}  > ${turn.said}\n  ${turn.texts.join('\n  | ').replace(/\n(?! {2}\|)/g, '\n    ')}\n`,
        );
      }
      const counts = [...tally.entries()].sort(([a], [b]) => a - b).map(([segments, n]) => `${segments}: ${n}`);
      console.log(`${turns.length} SMS turns; turns by segments billed: ${counts.join(', ')}`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
