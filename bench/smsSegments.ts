/**
 * What a conversation costs on SMS, task by task: messages, billed
 * segments, and the costliest turn (issue 17: a booking ≤ 12 segments, no
 * turn over 3 unless the person asked for details). Printed by
 * `npm run bench` and alone by `node dist/bench/smsSegments.js`.
 */
import { measureSmsTasks, type SmsTaskCost } from '../test/support/smsTasks';

export function smsSegmentTable(costs: SmsTaskCost[]): string {
  const lines = ['| task on SMS | turns | SMS sent | segments billed | costliest turn |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const cost of costs) lines.push(`| ${cost.task} | ${cost.turns.length} | ${cost.messages} | ${cost.segments} | ${cost.maxTurn} |`);
  return lines.join('\n');
}

export async function smsSegments(): Promise<string> {
  return smsSegmentTable(await measureSmsTasks());
}

if (require.main === module) {
  void smsSegments().then(
    (table) => {
      console.log(table);
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
