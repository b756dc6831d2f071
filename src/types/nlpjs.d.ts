/** The few parts of NLP.js (no bundled type declarations) the intent model uses. */
declare module '@nlpjs/lang-fr' {
  export class StemmerFr {
    stem(tokens: string[]): string[];
  }
  export class StopwordsFr {
    dictionary: Record<string, boolean>;
  }
}

declare module '@nlpjs/neural' {
  export interface NeuralSettings {
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
    log?: boolean;
  }
  export interface TrainingItem {
    input: Record<string, number>;
    output: Record<string, number>;
  }
  export class NeuralNetwork {
    constructor(settings?: NeuralSettings);
    train(corpus: TrainingItem[]): { iterations: number; error: number };
    run(input: Record<string, number>): Record<string, number> | undefined;
  }
}

declare module '@nlpjs/similarity' {
  export class SpellCheck {
    constructor(settings?: { features?: Record<string, number>; minLength?: number });
    checkToken(token: string, distance: number): string;
  }
  /** Levenshtein edit distance. */
  export function leven(a: string, b: string): number;
}
