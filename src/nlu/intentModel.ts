/**
 * The local intent model: an NLP.js neural network (one perceptron per
 * intent over stemmed words) trained at start-up from
 * locales/fr/intents.json in a fraction of a second, then classifying a
 * message synchronously in well under a millisecond. No cloud service.
 *
 * Out of scope: `unknown` has training phrases of its own, words never seen
 * in training push towards it (NLP.js's "none feature"), and a best score
 * under UNKNOWN_BELOW is `unknown` too.
 */
import { NeuralNetwork, type TrainingItem } from '@nlpjs/neural';
import type { CommuneIndex } from '../domain/communes';
import { communes } from '../data/communes';
import { loadProgrammes } from '../data/programmes';
import { refineBookOrMove } from './bookOrMove';
import { refineCantCome } from './cantCome';
import { type Entity, EntityExtractor } from './entities';
import { type Features, FeatureExtractor, PLACE_STEM } from './intentFeatures';
import {
  afterOpeners,
  asksForMoreHours,
  asksForSomeone,
  asksIfForThem,
  INTENTS,
  type Intent,
  isIntent,
  namesScam,
  openerWords,
  saysProfessional,
  shorthand,
  tellsOfScam,
  trainingPhrases,
} from './intentLexicon';
import { normalize } from './normalize';

export type { Intent } from './intentLexicon';
export type { Entity } from './entities';

/** Below this best score the message is `unknown` (calibrated with COVERAGE_POWER). */
export const UNKNOWN_BELOW = 0.3;

/**
 * How much unknown words weigh: scores are multiplied by (share of known
 * meaningful words) ** COVERAGE_POWER. Chosen with UNKNOWN_BELOW by
 * 5-fold cross-validation on the training phrases (bench/nluCalibration.ts).
 */
export const COVERAGE_POWER = 1;

/** Longer messages are cut: enough for any request, bounded cost for a 2,000-character paste. */
const MAX_CHARS = 300;

/** Weight of the first unseen word (NLP.js uses intents / features); each next one counts 1.2× more. */
const NONE_GROWTH = 1.2;

export interface IntentScore {
  intent: Intent;
  score: number;
}

export interface IntentResult extends IntentScore {
  text: string;
  entities: Entity[];
}

export interface RecognizeOptions {
  /** Reference time for "demain", "mardi prochain" (default: now). */
  now?: Date;
}

export interface IntentRecognizer {
  /** Intent and entities of one message. */
  recognize(text: string, options?: RecognizeOptions): IntentResult;
  /** Intent only, best first: the cheap part, for callers that need no entities. */
  classify(text: string): IntentScore[];
}

export interface IntentModelOptions {
  /** Commune lookup for the `commune` entity (default: data/communes.csv). */
  communes?: CommuneIndex;
  /** Only communes of these départements are recognised (default: every programme preset's). */
  departements?: readonly string[];
  /** Training phrases (default: locales/fr/intents.json); for calibration only. */
  phrases?: Record<Intent, string[]>;
  unknownBelow?: number;
  coveragePower?: number;
}

export interface TrainingStats {
  phrases: number;
  features: number;
  iterations: number;
  ms: number;
}

/** Words of the served communes' names: known words, though no intent is learnt from them. */
function communeWords(index: CommuneIndex, departements: readonly string[]): Set<string> {
  const keep = new Set(departements);
  const words = new Set<string>();
  for (const commune of index.all()) {
    if (!keep.has(commune.departement)) continue;
    for (const name of [commune.name, ...commune.formerNames]) for (const word of normalize(name).split(' ')) words.add(word);
  }
  return words;
}

/** How sure the model must be of what follows a greeting for it to be the message's intent. */
const CLEAR_REQUEST = 0.95;
/**
 * …when the whole message reads as a greeting: « bonjour je voudrai savoir si
 * je suis eligible » is a request (0.75 for what follows « bonjour »), and
 * « bonjour ça va », « bonjour madame » stay greetings (nothing clear after).
 */
const REQUEST_AFTER_GREETING = 0.7;

/** The share of the scores a next reading needs to stand for the message when the model's first is dropped (asMeant). */
const NEXT_READING_AT_LEAST = 0.05;

/** How sure the words around a commune must be of a booking for it to be one, not a place search (« réserver à Chirac »: 0.8). */
const BOOK_AT_PLACE = 0.75;

/** Words that put a commune's name as a « where » (« à Mende », « près de Crest »): the stems the French stemmer gives them. */
const WHERE_WORDS = new Set(['a', 'au', 'aux', 'vers', 'pre', 'de', 'du', 'sur', 'en', 'dans', 'cot', 'autour', 'pour']);

/** The stems without the commune and the words that make it a « where »: « à » left alone reads as « à bientôt ». */
function withoutWhere(stems: readonly string[]): string[] {
  const kept: string[] = [];
  for (const stem of stems) {
    if (stem !== PLACE_STEM) {
      kept.push(stem);
      continue;
    }
    while (kept.length > 0 && WHERE_WORDS.has(kept[kept.length - 1])) kept.pop();
  }
  return kept;
}

class NeuralIntentRecognizer implements IntentRecognizer {
  private readonly features: FeatureExtractor;
  private readonly network = new NeuralNetwork({ log: false });
  private noneWeight = 0;
  private readonly openers = openerWords();
  stats: TrainingStats = { phrases: 0, features: 0, iterations: 0, ms: 0 };

  constructor(
    private readonly entities: EntityExtractor,
    names: ReadonlySet<string>,
    private readonly phrases: Record<Intent, string[]>,
    private readonly unknownBelow: number,
    private readonly coveragePower: number,
  ) {
    this.features = new FeatureExtractor(shorthand(), names);
  }

  train(): void {
    const started = process.hrtime.bigint();
    const { phrases } = this;
    this.features.learnVocabulary(INTENTS.flatMap((intent) => phrases[intent]));
    const corpus: TrainingItem[] = [];
    const seen = new Set<string>();
    for (const intent of INTENTS) {
      for (const phrase of phrases[intent]) {
        const input: Record<string, number> = {};
        for (const stem of this.features.features(phrase).stems) {
          input[stem] = 1;
          seen.add(stem);
        }
        corpus.push({ input, output: { [intent]: 1 } });
      }
    }
    // NLP.js's none feature: must be the last item, it stands for words never seen.
    corpus.push({ input: { nonefeature: 1 }, output: { unknown: 1 } });
    this.noneWeight = INTENTS.length / seen.size;
    const status = this.network.train(corpus);
    this.stats = {
      phrases: corpus.length - 1,
      features: seen.size,
      iterations: status.iterations,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
    };
  }

  classify(text: string): IntentScore[] {
    const said = text.slice(0, MAX_CHARS);
    // « un autre rdv »: the words that add or change decide between booking and moving, not « autre » alone.
    // « je peux plus venir vendredi »: a session the person cannot come to, not one to book.
    return refineCantCome(said, refineBookOrMove(said, this.classifyRequest(said)));
  }

  private classifyRequest(said: string): IntentScore[] {
    const whole = this.classifyWords(said);
    // « bonjour je voudrais prendre rdv vendredi matin », « attendez, il me reste combien d'heures ? »: a request the rest
    // of the sentence makes clearly wins over its opening words, when the whole is a greeting or unclear.
    const request = afterOpeners(said, this.openers);
    if (request === said || (whole[0].intent !== 'greeting' && whole[0].score >= CLEAR_REQUEST)) return asMeant(whole, said);
    const asked = this.classifyWords(request);
    // After a greeting the model is unsure of, a request surer than it is the message's intent.
    const enough = whole[0].intent === 'greeting' && whole[0].score < asked[0].score ? REQUEST_AFTER_GREETING : CLEAR_REQUEST;
    return asMeant(asked[0].intent !== 'unknown' && asked[0].intent !== 'greeting' && asked[0].score >= enough ? asked : whole, said);
  }

  private classifyWords(text: string): IntentScore[] {
    const features = this.features.features(text);
    // Only names, numbers or function words: no intent, whatever the network's biases say; but « c'est pour moi ? » asks one.
    if (features.knownContentWords === 0 && features.stems.some((s) => s !== '?'))
      return [{ intent: asksIfForThem(text) ? 'eligibility' : 'unknown', score: 1 }];
    const withPlace = this.scoreFeatures(features);
    if (!features.stems.includes(PLACE_STEM)) return withPlace;
    // A commune says where, not what: « je veux un rdv à Chirac » is « je veux un rdv ». Places are learnt from the
    // place-finding phrases, so a commune drew any request towards them or out of scope; it may only lead to them.
    const withoutPlace = this.scoreFeatures({ ...features, stems: withoutWhere(features.stems) });
    const [without] = withoutPlace;
    if (without.intent === 'unknown') return withPlace;
    // « réserver à Chirac »: a booking the words without the commune clearly ask for is no place search, though less sure
    // than other requests must be to outweigh the places the commune leads to.
    const enough = withPlace[0].intent !== 'find_place' ? 0.5 : without.intent === 'book' ? BOOK_AT_PLACE : 0.9;
    return without.score >= enough ? withoutPlace : withPlace;
  }

  private scoreFeatures({ stems, unknownWords, contentWords, unknownContentWords }: Features): IntentScore[] {
    const input: Record<string, number> = {};
    for (const stem of stems) input[stem] = 1;
    let none = 0;
    for (let i = 0, weight = this.noneWeight; i < unknownWords; i += 1, weight *= NONE_GROWTH) none += weight;
    if (none > 0) input.nonefeature = none;
    const raw = stems.length > 0 ? (this.network.run(input) ?? {}) : {};
    // As NLP.js does: squared outputs, normalised to sum to 1.
    let total = 0;
    const scores: IntentScore[] = [];
    for (const [intent, value] of Object.entries(raw)) {
      if (!isIntent(intent) || value <= 0) continue;
      scores.push({ intent, score: value * value });
      total += value * value;
    }
    if (total === 0) return [{ intent: 'unknown', score: 1 }];
    // A message whose meaningful words are mostly unknown is probably about something else
    // ("je cherche un restaurant"): the share of them that is unknown lowers every score.
    const covered = contentWords > 0 ? (1 - unknownContentWords / contentWords) ** this.coveragePower : 1;
    for (const s of scores) s.score = (s.score / total) * covered;
    scores.sort((a, b) => b.score - a.score);
    if (scores[0].score < this.unknownBelow && scores[0].intent !== 'unknown') {
      return [{ intent: 'unknown', score: 1 - scores[0].score }, ...scores];
    }
    return scores;
  }

  recognize(text: string, options: RecognizeOptions = {}): IntentResult {
    const best = this.classify(text)[0];
    return { text, intent: best.intent, score: round(best.score), entities: this.entities.extract(text.slice(0, MAX_CHARS), options.now) };
  }
}

/**
 * pro_access is a social worker, trainer or prescriber asking for their
 * access: with no such role, structure or access said (`saysProfessional`),
 * the sentence is a person saying what they do and asking for themself
 * (« je suis agent d'entretien à la mairie », the words « agent » and
 * « mairie » weighed towards pro_access): eligibility, with both scores.
 */
function forThemself(scores: IntentScore[], text: string): IntentScore[] {
  const [best, ...rest] = scores;
  if (best.intent !== 'pro_access' || saysProfessional(text)) return scores;
  const eligibility = rest.find((s) => s.intent === 'eligibility')?.score ?? 0;
  return [{ intent: 'eligibility', score: best.score + eligibility }, ...rest.filter((s) => s.intent !== 'eligibility')];
}

/**
 * Two intents the model reads from one word need the sentence to say more:
 * human (« téléphone » weighs towards it, but « apprendre le téléphone » is
 * a subject to learn) wants a person, a call or a number asked for; scam
 * wants a fraud, a secret asked for or a suspicious message told of.
 * Without it, the model's next reading is the message's, with both scores,
 * if the model had it at all: one it barely gave (« mon fils m'a dit de vous
 * écrire »: scam 0.997, privacy 0.003) is no reading of the message, which
 * took the whole score and opened the erasure.
 */
function asMeant(scores: IntentScore[], text: string): IntentScore[] {
  const [best, ...rest] = toldInWords(forThemself(scores, text), text);
  const unsaid = (best.intent === 'human' && !asksForSomeone(text)) || (best.intent === 'scam' && !tellsOfScam(text));
  if (!unsaid) return [best, ...rest];
  const [next, ...others] = rest;
  if (!next || next.score < NEXT_READING_AT_LEAST) return [{ intent: 'unknown', score: 1 }];
  return [{ intent: next.intent, score: best.score + next.score }, ...others];
}

/** Readings that ask for nothing precise, or for a general answer: the words of a scam or of an ended carnet outweigh them. */
const VAGUE = new Set<Intent>([
  'unknown',
  'greeting',
  'about',
  'eligibility',
  'help',
  'menu',
  'human',
  'balance',
  'my_bookings',
  'access_log',
  'privacy',
]);

/** « on peut me donner un nouveau chéquier ? »: a carnet asked for oneself, with no professional word, is no prescription. */
function forOneself(text: string): boolean {
  return /\b(?:me|moi|m)\b/.test(normalize(text)) && !saysProfessional(text);
}

/**
 * A scam named in so many words (« arnaque », « piraté », « faux
 * conseiller », « code de carte ») or a carnet that ended (« mon carnet est
 * fini », « un autre chéquier »), in a message the model reads as nothing
 * precise: the small model has few phrases of these two and reads « mon
 * compte a été piraté » as balance. A request to book or to learn (« apprendre
 * à reconnaître les arnaques ») stays what it is; so does a professional's
 * prescription, unless the carnet is asked for oneself.
 */
function toldInWords(scores: IntentScore[], text: string): IntentScore[] {
  const [best] = scores;
  if (!VAGUE.has(best.intent) && !(best.intent === 'prescribe' && forOneself(text))) return scores;
  const told: Intent | undefined = namesScam(text) ? 'scam' : asksForMoreHours(text) ? 'renew' : undefined;
  if (!told) return scores;
  const own = scores.find((s) => s.intent === told)?.score ?? 0;
  return [{ intent: told, score: Math.max(best.score, own) }, ...scores.filter((s) => s.intent !== told && s !== best), best];
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

/** Trains a new model (well under a second) with its entity extractors. */
export async function createIntentRecognizer(options: IntentModelOptions = {}): Promise<IntentRecognizer & { stats: TrainingStats }> {
  return trainIntentRecognizer(options);
}

/** The same, synchronously: training is CPU only (understand() needs the model without awaiting). */
export function trainIntentRecognizer(options: IntentModelOptions = {}): IntentRecognizer & { stats: TrainingStats } {
  const departements = options.departements ?? loadProgrammes().map((p) => p.departement.code);
  const index = options.communes ?? communes();
  const recognizer = new NeuralIntentRecognizer(
    new EntityExtractor(index, departements),
    communeWords(index, departements),
    options.phrases ?? trainingPhrases(),
    options.unknownBelow ?? UNKNOWN_BELOW,
    options.coveragePower ?? COVERAGE_POWER,
  );
  recognizer.train();
  return recognizer;
}

let shared: (IntentRecognizer & { stats: TrainingStats }) | undefined;

/** One model for the whole process: trained on first call (the warm-up makes that call). */
export function trainedIntentRecognizer(): IntentRecognizer & { stats: TrainingStats } {
  shared ??= trainIntentRecognizer();
  return shared;
}

/** The shared model, for callers written against the asynchronous API. */
export function sharedIntentRecognizer(): Promise<IntentRecognizer & { stats: TrainingStats }> {
  return Promise.resolve(trainedIntentRecognizer());
}
