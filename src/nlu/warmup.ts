/**
 * The Microsoft recognizers compile large regular expressions on their
 * first call (0.5 s to 3 s each here). Each recognizer a dialog step uses
 * is called once at start-up, after the server listens, so the first
 * person does not wait; /readyz stays 503 until it is done.
 *
 * Only the recognizers the dialogs use are warmed: each one costs start-up
 * time and memory (DEVELOPERS.md: call them only where a step needs them).
 * Add a line here when a dialog starts using another one.
 */
import { recognizeChoice } from './choiceRecognizer';
import { loadProgrammes } from '../data/programmes';
import { sharedIntentRecognizer } from './intentModel';
import { understand } from './understand';

/** Any fixed instant: the warm-up only loads word lists and indexes, its answer is dropped. */
const WARM_UP_NOW = new Date('2026-01-05T09:00:00Z');

const WARM_UPS: (() => unknown)[] = [
  // Menu and list answers ("2", "le deuxième"): read by choiceRecognizer.ts itself (no
  // recognizers-text number model, whose first calls cost seconds); this loads its word list.
  () => recognizeChoice('le deuxième', ['un', 'deux']),
  // Free text: trains the intent model (~0.1 s), then a message with a date compiles the
  // suite's French DateTime model (2–3 s here), which the date entities use.
  () => sharedIntentRecognizer(),
  async () => (await sharedIntentRecognizer()).recognize('rendez-vous demain à 10h'),
  // understand(): the commune index, the served communes' typo-tolerant names, the theme and signal lists.
  () => understand('valance', { now: WARM_UP_NOW, programmes: loadProgrammes(), expecting: 'commune' }),
  () =>
    understand('rdv à Florac jeudi aprem pour mes impots, merci', {
      now: WARM_UP_NOW,
      programmes: loadProgrammes(),
      programmeId: loadProgrammes()[0]?.id,
    }),
];

export async function warmLanguageModels(): Promise<void> {
  for (const warmUp of WARM_UPS) {
    // One per tick, so health checks are answered between them.
    await new Promise((resolve) => setImmediate(resolve));
    await warmUp();
  }
}
