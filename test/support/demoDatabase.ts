/**
 * The demo data written into a MongoDB database (FerretDB in tests) before
 * a bot process starts on it: a process never seeds a MongoDB store itself
 * (production data come from imports).
 */
import { loadProgrammes } from '../../src/data/programmes';
import { seedDemo } from '../../src/services/demoSeed';
import { openStores } from '../../src/store/openStores';
import { testNow } from './clock';

export async function seedDemoDatabase(mongodbUri: string): Promise<void> {
  const programmes = loadProgrammes(['lozere', 'drome']);
  const stores = await openStores({ mongodbUri });
  try {
    for (const programme of programmes) await stores.programmes.upsert(programme);
    await seedDemo(stores, { programmes, now: testNow() });
  } finally {
    await stores.close();
  }
}
