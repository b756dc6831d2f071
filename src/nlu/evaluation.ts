/**
 * Accuracy of the intent model on a labelled set (TSV: intent, text; a
 * header line "intent\ttext" is skipped): per intent, overall, and the
 * confusions. Used by `npm run nlu:eval` and by the accuracy-floor test.
 */
import { readFileSync } from 'node:fs';
import type { IntentRecognizer } from './intentModel';
import { type Intent, INTENTS, isIntent, trainingPhrases } from './intentLexicon';
import { normalize } from './normalize';

export interface LabelledPhrase {
  intent: Intent;
  text: string;
}

export interface Evaluation {
  total: number;
  correct: number;
  accuracy: number;
  perIntent: Record<string, { total: number; correct: number; accuracy: number }>;
  /** "expected → predicted": count, most frequent first. */
  confusions: { expected: Intent; predicted: Intent; count: number; examples: string[] }[];
}

export function readLabelledSet(file: string): LabelledPhrase[] {
  const phrases: LabelledPhrase[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (!line.trim() || line.startsWith('#')) return;
      const [intent, ...rest] = line.split('\t');
      const text = rest.join('\t').trim();
      if (index === 0 && intent === 'intent') return;
      if (!isIntent(intent) || !text) throw new Error(`${file}:${index + 1}: expected "intent<TAB>text" with a known intent`);
      phrases.push({ intent, text });
    });
  return phrases;
}

export function evaluate(recognizer: IntentRecognizer, phrases: readonly LabelledPhrase[]): Evaluation {
  const perIntent: Evaluation['perIntent'] = {};
  const confusions = new Map<string, Evaluation['confusions'][number]>();
  let correct = 0;
  for (const { intent, text } of phrases) {
    const predicted = recognizer.classify(text)[0].intent;
    const row = (perIntent[intent] ??= { total: 0, correct: 0, accuracy: 0 });
    row.total += 1;
    if (predicted === intent) {
      row.correct += 1;
      correct += 1;
      continue;
    }
    const key = `${intent}>${predicted}`;
    const confusion = confusions.get(key) ?? { expected: intent, predicted, count: 0, examples: [] };
    confusion.count += 1;
    confusion.examples.push(text);
    confusions.set(key, confusion);
  }
  for (const row of Object.values(perIntent)) row.accuracy = row.correct / row.total;
  const ordered: Evaluation['perIntent'] = {};
  for (const intent of INTENTS) if (perIntent[intent]) ordered[intent] = perIntent[intent];
  return {
    total: phrases.length,
    correct,
    accuracy: phrases.length ? correct / phrases.length : 0,
    perIntent: ordered,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count),
  };
}

/** Phrases of a set that are also training phrases once normalised (case, accents, punctuation). */
export function alsoInTraining(phrases: readonly LabelledPhrase[]): LabelledPhrase[] {
  const training = new Set(Object.values(trainingPhrases()).flat().map(normalize));
  return phrases.filter((p) => training.has(normalize(p.text)));
}
