/**
 * Fuzzing /api/messages of the real app (embedded store on disk, demo data):
 * 10,000 generated requests. Malformed ones must get a 4xx and leave every
 * datafile byte-for-byte as it was; well-formed but odd activities must
 * never get a 5xx; the process must still answer normally afterwards.
 * Reproduce a failure with FUZZ_SEED=<seed printed in the message>.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BotUnderTest, startBot } from '../support/botServer';
import { fingerprint } from '../support/dataFiles';
import { type FuzzCase, malformedCase, oddCase, seededRng } from './fuzzCases';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const MALFORMED = 7_500;
const ODD = 2_500;
const PARALLEL = 16;

interface Outcome {
  n: number;
  fuzz: FuzzCase;
  status: number;
  error?: string;
}

/**
 * One request on its own connection: a server may rightly close a connection
 * after refusing an oversized body, and that must not be blamed on the next
 * case that a pooled connection would have carried.
 */
function postAlone(url: string, fuzz: FuzzCase): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(fuzz.body);
    const request = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': fuzz.contentType, 'content-length': body.length } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      // Refused before the whole body was read (413): the server may reset the upload; the status came first.
      reject(error);
    });
    request.end(body);
  });
}

describe('fuzzing /api/messages with 10,000 generated requests', function () {
  this.timeout(300_000);
  let bot: BotUnderTest;
  let dataDir: string;
  const rng = seededRng(SEED);

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'fuzz-'));
    bot = await startBot({ dataDir });
  });
  after(async () => {
    await bot?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function send(cases: FuzzCase[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const n = next++;
        const fuzz = cases[n];
        try {
          outcomes.push({ n, fuzz, status: await postAlone(`${bot.url}/api/messages`, fuzz) });
        } catch (error) {
          // Status 0: the connection was dropped, the worst answer of all.
          outcomes.push({ n, fuzz, status: 0, error: String((error as Error).cause ?? error) });
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return outcomes;
  }

  const describeFailures = (failures: Outcome[]) =>
    `seed ${SEED}: ${failures.length} failures, e.g. ` +
    failures
      .slice(0, 5)
      .map((o) => `#${o.n} ${o.fuzz.label} → ${o.status}${o.error ? ` ${o.error}` : ''}`)
      .join('; ');

  it(`refuses ${MALFORMED} malformed requests with a 4xx and changes nothing in the store`, async () => {
    const before = await fingerprint(dataDir);
    const outcomes = await send(Array.from({ length: MALFORMED }, (_, n) => malformedCase(rng, n)));
    const failures = outcomes.filter((o) => o.status < 400 || o.status >= 500);
    assert.equal(outcomes.length, MALFORMED);
    assert.deepEqual(failures, [], describeFailures(failures));
    assert.deepEqual(await fingerprint(dataDir), before, 'a refused request wrote to the store');
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  });

  it(`survives ${ODD} well-formed but odd activities (scripts, control characters, unknown channels and types, attachments, forged senders) without a 5xx`, async () => {
    const outcomes = await send(Array.from({ length: ODD }, (_, n) => oddCase(rng, n)));
    const failures = outcomes.filter((o) => o.status >= 500 || o.status === 0);
    assert.equal(outcomes.length, ODD);
    assert.deepEqual(failures, [], describeFailures(failures));
  });

  it('still answers a person normally afterwards', async () => {
    const replies = await bot.conversation('webchat').texts('bonjour');
    assert.ok(replies.length > 0);
    assert.match(replies.join('\n'), /Pass num[ée]rique/i);
    assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);
  });
});
