/**
 * V8 compiles a regular expression twice by default: to bytecode on its
 * first run, then to machine code from its second. The French DateTime
 * model of recognizers-text holds hundreds of regular expressions of up to
 * 200 KB each (its number grammar) and runs each one at every position of
 * the warm-up's sentence: the double compilation was 2.3 of its 3.4 s of
 * CPU here, the largest part of a start. Compiled once, straight to machine
 * code, the warm-up costs half (bench/results, docs/performance.md), and a
 * turn costs the same.
 *
 * Called first thing by the process (src/index.ts) and the bench's server;
 * it only changes how regular expressions compiled after it are compiled.
 */
import { setFlagsFromString } from 'node:v8';

export function compileRegExpsOnce(): void {
  setFlagsFromString('--no-regexp-tier-up');
}
