/**
 * Two V8 flags the process is started with (package.json `start`, the
 * systemd unit of the README, the tests' and the bench's bot processes),
 * each measured (docs/performance.md). They are command-line flags on
 * purpose: set from inside the process (v8.setFlagsFromString) after the
 * first modules have run, --no-regexp-tier-up made V8 crash (SIGSEGV).
 *
 * - --no-regexp-tier-up: a regular expression compiled once, straight to
 *   machine code. V8 compiles each one twice by default: to bytecode on its
 *   first run, then to machine code from its second. The French DateTime
 *   model of recognizers-text holds hundreds of them, up to 200 KB each (its
 *   number grammar), and runs each at every position of the warm-up's
 *   sentence: the double compilation was 0.8 of the warm-up's 2.3 s of CPU
 *   here, the largest part of a start. A turn costs the same.
 *
 * - --heap-growing-percent=50: the heap grows by half of what is live after
 *   a full collection, no more. V8 otherwise lets it grow up to four times
 *   when the program allocates fast, as a burst of conversations does:
 *   150 MB live became 525 MB of heap and 627 MB of RSS right after 10,000
 *   conversations (goal ≤ 400 MB); with it, 246 MB and 381 MB, for about as
 *   much time in the collector (its marking runs beside the program).
 */
export const V8_FLAGS = ['--no-regexp-tier-up', '--heap-growing-percent=50'] as const;

/** The flags this process was not started with (logged at start: the process runs, slower to start and larger). */
export function missingV8Flags(execArgv: readonly string[] = process.execArgv): string[] {
  return V8_FLAGS.filter((flag) => !execArgv.includes(flag));
}
