/**
 * npm run seed:demo [-- --reset]
 *
 * Seeds the demo data into the store chosen by MONGODB_URI (else the
 * embedded store in DATA_DIR, default .data). Does nothing when the store
 * was seeded already; --reset empties every collection first. Prints one
 * line of counts (no personal data); exit 0, or one line and exit 1.
 */
import dotenv from 'dotenv';
import { loadProgrammes } from '../data/programmes';
import { seedDemo, type SeedSummary } from '../services/demoSeed';
import { openStores } from '../store/openStores';
import type { Stores } from '../store/repositories';

function describe(summary: SeedSummary, kind: string): string {
  if (!summary.seeded) return `demo data already seeded on ${summary.seededAt} (${kind} store): nothing to do; use --reset to start again`;
  const counts = [
    `${summary.programmes} programmes`,
    `${summary.places} places (${summary.trainingPlaces} training, ${summary.prescribingPlaces} prescribing, ${summary.rejectedPlaces} rejected rows)`,
    `${summary.trainers} trainers`,
    `${summary.slots} slots`,
    `${summary.prescribers} prescribers`,
    `${summary.beneficiaries} beneficiaries`,
    `${summary.voucherBooks} carnets`,
    `${summary.bookings} bookings`,
  ];
  return `demo data seeded (${kind} store) in ${summary.ms} ms: ${counts.join(', ')}`;
}

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const reset = process.argv.slice(2).includes('--reset');
  const ids = (process.env.PROGRAMMES || 'lozere,drome')
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean);
  const programmes = loadProgrammes(ids);
  const stores: Stores = await openStores({
    mongodbUri: process.env.MONGODB_URI || undefined,
    dataDir: process.env.DATA_DIR || '.data',
  });
  try {
    if (reset) await stores.clearAll();
    const summary = await seedDemo(stores, { programmes, now: new Date() });
    process.stdout.write(`${describe(summary, stores.kind)}\n`);
  } finally {
    await stores.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // One line, no stack: the message names what failed (file, setting, store).
    const message = error instanceof Error ? `${error.name}: ${error.message.split('\n').join('; ')}` : String(error);
    process.stderr.write(`seed-demo failed: ${message}\n`);
    process.exit(1);
  },
);
