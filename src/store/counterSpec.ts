/** What a rate counter is (see counters.ts for where counts live). */
import type { IRateLimiterOptions, RateLimiterRes } from 'rate-limiter-flexible';

export interface CounterSpec {
  /** Names the counter (keys of different counters never meet). */
  name: string;
  /** How many consumptions the window allows. */
  points: number;
  durationSeconds: number;
  /** Once over the limit, refused for this long (0: until the window ends). */
  blockSeconds?: number;
  /**
   * The counts must survive a restart (identity lockouts): on the embedded
   * store they are written to its meta datafile instead of memory. Request
   * limits leave it unset: a write per request is not worth keeping a minute's count.
   */
  persistent?: boolean;
}

export interface Counter {
  /** Counts one for `key`; rejects with a RateLimiterRes once over the limit, with another error only if counting failed. */
  consume(key: string): Promise<RateLimiterRes>;
  /** What is counted for `key` now, or null. */
  get(key: string): Promise<RateLimiterRes | null>;
  /** Forgets `key`. */
  delete(key: string): Promise<void>;
  /** Refuses `key` for `seconds` from now, whatever was counted (an escalating lock). */
  block(key: string, seconds: number): Promise<void>;
}

/** Makes a counter; the store decides where counts live. */
export type Counters = (spec: CounterSpec) => Counter;

export function limiterOptions(spec: CounterSpec): IRateLimiterOptions {
  return { keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds, blockDuration: spec.blockSeconds ?? 0 };
}
