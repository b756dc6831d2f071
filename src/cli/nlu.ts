/**
 * `npm run --silent nlu`: one utterance a line on standard input, one JSON
 * line each on standard output: what understand() makes of it —
 * {"text","intent","score","alternatives","command"?,"newRequest"?,"entities":{…}}.
 * Read with the served programmes and the clock's now (NLU_NOW=ISO instant
 * to read « demain » from another day). Nothing else is written to standard output.
 */
import { createInterface } from 'node:readline';
import { loadProgrammes } from '../data/programmes';
import { understand } from '../nlu/understand';

async function main(): Promise<void> {
  const programmes = loadProgrammes();
  const fixed = process.env.NLU_NOW ? new Date(process.env.NLU_NOW) : undefined;
  if (fixed && Number.isNaN(fixed.getTime())) throw new Error(`NLU_NOW is not a date: ${process.env.NLU_NOW}`);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (!text) continue;
    // The edge of the process: the system clock stands in for the injected one here.
    process.stdout.write(`${JSON.stringify(understand(text, { now: fixed ?? new Date(), programmes }))}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`nlu: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
