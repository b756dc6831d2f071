/**
 * Chooses the intent model's two out-of-scope settings (UNKNOWN_BELOW,
 * COVERAGE_POWER) by 5-fold cross-validation on the training phrases
 * alone: each fold is classified by a model trained on the other four, so
 * neither the development set nor the held-out test set tunes them.
 *
 *   npm run build && node dist/bench/nluCalibration.js
 */
import { createIntentRecognizer, type IntentRecognizer } from '../src/nlu/intentModel';
import { type Intent, INTENTS, trainingPhrases } from '../src/nlu/intentLexicon';

const FOLDS = 5;
const THRESHOLDS = [0.3, 0.4, 0.5, 0.6];
const POWERS = [0.5, 0.75, 1, 1.5];

function fold<T>(items: T[], k: number, index: number): { train: T[]; test: T[] } {
  return { train: items.filter((_, i) => i % k !== index), test: items.filter((_, i) => i % k === index) };
}

async function main(): Promise<void> {
  const all = trainingPhrases();
  const results: { threshold: number; power: number; accuracy: number; unknownRecall: number }[] = [];
  const models: { recognizers: Map<string, IntentRecognizer>; test: { intent: Intent; text: string }[] }[] = [];
  for (let f = 0; f < FOLDS; f += 1) {
    const train = {} as Record<Intent, string[]>;
    const test: { intent: Intent; text: string }[] = [];
    for (const intent of INTENTS) {
      const split = fold(all[intent], FOLDS, f);
      train[intent] = split.train;
      test.push(...split.test.map((text) => ({ intent, text })));
    }
    const recognizers = new Map<string, IntentRecognizer>();
    for (const threshold of THRESHOLDS) {
      for (const power of POWERS) {
        recognizers.set(
          `${threshold}/${power}`,
          await createIntentRecognizer({ phrases: train, unknownBelow: threshold, coveragePower: power }),
        );
      }
    }
    models.push({ recognizers, test });
  }
  for (const threshold of THRESHOLDS) {
    for (const power of POWERS) {
      let correct = 0;
      let total = 0;
      let unknownCorrect = 0;
      let unknownTotal = 0;
      for (const { recognizers, test } of models) {
        const recognizer = recognizers.get(`${threshold}/${power}`)!;
        for (const { intent, text } of test) {
          const ok = recognizer.classify(text)[0].intent === intent;
          total += 1;
          if (ok) correct += 1;
          if (intent === 'unknown') {
            unknownTotal += 1;
            if (ok) unknownCorrect += 1;
          }
        }
      }
      results.push({ threshold, power, accuracy: correct / total, unknownRecall: unknownCorrect / unknownTotal });
    }
  }
  results.sort((a, b) => b.accuracy - a.accuracy);
  console.log(`${FOLDS}-fold cross-validation on the training phrases (best first):`);
  for (const r of results) {
    console.log(
      `  UNKNOWN_BELOW ${r.threshold}  COVERAGE_POWER ${r.power}  accuracy ${(r.accuracy * 100).toFixed(1)}%  unknown recall ${(r.unknownRecall * 100).toFixed(1)}%`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
