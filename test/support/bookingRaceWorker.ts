/**
 * One process of test/reliability/twoProcessRace.test.ts: opens the store
 * at argv[2] and books as `conversations` concurrent conversations would
 * (each tries up to three random sessions while told « complet »), then
 * prints its outcomes as one JSON line and exits.
 *
 *   node dist/test/support/bookingRaceWorker.js <mongodbUri> <json options>
 */
import { BookingService, type BookOutcome } from '../../src/services/bookingService';
import { raceIds } from './raceWorld';
import { openStores } from '../../src/store/openStores';
import { seededRng } from '../reliability/fuzzCases';

export interface RaceOptions {
  tag: string;
  seed: number;
  conversations: number;
  people: number;
  slots: number;
  attempts: number;
  /** The reference time (ms) of the seeded slots. */
  now: number;
}

async function main(): Promise<void> {
  const uri = process.argv[2];
  const options = JSON.parse(process.argv[3]) as RaceOptions;
  const stores = await openStores({ mongodbUri: uri });
  const service = new BookingService(stores);
  const rng = seededRng(options.seed);
  const now = new Date(options.now);
  const told: BookOutcome['outcome'][] = [];
  const errors: string[] = [];
  await Promise.all(
    Array.from({ length: options.conversations }, async (_, c) => {
      const person = c % options.people;
      for (let attempt = 0; attempt < options.attempts; attempt += 1) {
        try {
          const result = await service.book({
            requestId: `race-${options.tag}-${c}-${attempt}`,
            beneficiaryId: raceIds.person(person),
            slotId: `race-slot-${Math.floor(rng() * options.slots)}`,
            actor: { kind: 'beneficiary', id: raceIds.person(person) },
            now,
          });
          told.push(result.outcome);
          if (result.outcome !== 'slot_full') break;
        } catch (error) {
          errors.push(error instanceof Error ? error.name : 'Error');
          break;
        }
      }
    }),
  );
  await stores.close();
  process.stdout.write(`${JSON.stringify({ told, errors })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
