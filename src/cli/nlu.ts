/**
 * `npm run --silent nlu`: one utterance a line on standard input, one JSON
 * line each on standard output: {"text","intent","score","entities":[…]}.
 * Nothing else is written to standard output.
 */
import { createInterface } from 'node:readline';
import { createIntentRecognizer } from '../nlu/intentModel';

async function main(): Promise<void> {
  const recognizer = await createIntentRecognizer();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (!text) continue;
    process.stdout.write(`${JSON.stringify(recognizer.recognize(text))}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`nlu: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
