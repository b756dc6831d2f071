/**
 * The main tasks on SMS bill at most 2 segments a turn (the places near
 * Mende and the eligibility answer were 3: « Je peux vous réserver une
 * séance ici, ou appelez le lieu. » and the long labels of the next steps,
 * « Vous pouvez probablement bénéficier du … »), and no more in all than
 * they do now: a longer wording fails here first. Measured on the real bot
 * (test/support/smsTasks.ts, the same measure as test/http/smsSegments.test.ts's,
 * as `npm run bench:sms` prints it).
 */
import assert from 'node:assert/strict';
import { type SmsTaskCost, smsTaskCosts, turnsOver } from '../support/smsTasks';

/** Segments billed for each task, « bonjour » to the end (the reminder: from the reminder on). */
const TASK_SEGMENTS: Record<string, number> = {
  about: 6,
  eligibility: 8,
  'find a place': 7,
  balance: 7,
  book: 12,
  cancel: 10,
  move: 13,
  reminder: 4,
};

describe('the main tasks on SMS, in billed segments', function () {
  this.timeout(180_000);
  let costs: SmsTaskCost[];
  before(async () => {
    costs = await smsTaskCosts();
  });

  it('bill at most 2 segments a turn', () => {
    assert.deepEqual(turnsOver(costs, 2), []);
  });

  it('bill no more in all than they do now', () => {
    assert.deepEqual(
      costs.map((cost) => cost.task),
      Object.keys(TASK_SEGMENTS),
    );
    for (const cost of costs) {
      assert.ok(cost.segments <= TASK_SEGMENTS[cost.task], `${cost.task}: ${cost.segments} segments (at most ${TASK_SEGMENTS[cost.task]})`);
    }
  });
});
