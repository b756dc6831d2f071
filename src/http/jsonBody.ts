/**
 * Request bodies: JSON only, read into memory under a size cap, checked for
 * depth and number of values before any handler sees them.
 *
 * Why not restify's bodyParser: it hands multipart/form-data to formidable
 * 1.x, which writes each upload to the temp folder before any route or
 * authentication runs, with its own 200 MB cap and never deletes it — so
 * anyone could fill the disk. Nothing here writes anywhere: a body that is
 * not `application/json` (or `…+json`) is refused (415) and none of it
 * is kept, and a JSON body is held in memory up to MAX_BODY_BYTES (413).
 *
 * Why a depth bound: JSON.parse accepts 100,000 nested brackets without
 * trouble, but everything recursive afterwards (zod, JSON.stringify of a
 * reply or a stream frame, structuredClone) overflows the stack on them —
 * one such activity on the local Direct Line ended the process. No Bot
 * Framework activity (Teams cards included) comes close to MAX_JSON_DEPTH.
 */
import type { Request, Response } from 'restify';
import type { Logger } from '../logger';

/** Large enough for any real activity (cards, attachments' metadata), small enough to refuse abuse. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Objects and arrays inside one another; an adaptive card in a Teams activity stays under 20. */
export const MAX_JSON_DEPTH = 64;
/** Values (objects, arrays, scalars) in one body. */
export const MAX_JSON_VALUES = 20_000;

/** A refused body is read and dropped up to this much before the refusal is sent; beyond, the refusal goes and the connection is cut. */
const DISCARD_AT_MOST_BYTES = 8 * 1024 * 1024;

/**
 * Sends a refusal once the rest of the body has been read into nowhere
 * (nothing is kept). Answering first would not do: Node closes a
 * `Connection: close` socket as soon as the answer is written, and a client
 * still uploading then fails on its next write (EPIPE) without reading the
 * refusal — the fuzz suite saw it on a 1 MB body. Past DISCARD_AT_MOST_BYTES
 * the refusal goes at once and the connection is cut once it is written.
 */
function answerAfterDiscarding(req: Request, res: Response, alreadyRead: number, answer: () => void): void {
  let answered = false;
  const once = () => {
    if (answered) return;
    answered = true;
    answer();
  };
  if (req.complete || req.readableEnded || req.destroyed) return once();
  let seen = alreadyRead;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen <= DISCARD_AT_MOST_BYTES || answered) return;
    once();
    res.once('finish', () => req.destroy());
  });
  req.once('end', once);
  req.once('error', once);
  req.once('close', once);
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Undefined when `value` stays within the bounds; otherwise what is wrong. Iterative: a deep value cannot overflow the check itself. */
export function jsonBoundsProblem(value: unknown, maxDepth = MAX_JSON_DEPTH, maxValues = MAX_JSON_VALUES): string | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  let count = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    count += 1;
    if (count > maxValues) return `more than ${maxValues} values`;
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) return `nested more than ${maxDepth} levels deep`;
    for (const inner of Array.isArray(node) ? node : Object.values(node)) stack.push([inner, depth + 1]);
  }
  return undefined;
}

/** Characters of `value` written as JSON; only call on values already within jsonBoundsProblem's bounds. */
export function jsonLength(value: unknown): number {
  return value === undefined ? 0 : (JSON.stringify(value)?.length ?? 0);
}

type Refuse = (res: Response, status: number, code: string, message: string) => void;

/** Direct Line and connector clients read `{ error: { code, message } }`; our own routes `{ error, reason }`. */
const refuseFor =
  (req: Request, logger: Logger): Refuse =>
  (res, status, code, message) => {
    logger.info({ status, error: code, path: req.path() }, 'request refused');
    if (req.path().startsWith('/v3/')) res.send(status, { error: { code, message } });
    else res.send(status, { error: code, reason: message });
  };

/** True when the request announces a body (a length above zero, or a chunked one). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * restify handler: sets `req.body` to the parsed JSON (undefined without a
 * body), or answers 4xx and stops the chain. Not an async function: restify
 * wants either `next` or a promise, not both.
 */
export function jsonBody(logger: Logger) {
  return (req: Request, res: Response, next: (err?: unknown) => void): void => {
    req.body = undefined;
    if (!METHODS_WITH_BODY.has(req.method ?? '') || !hasBody(req)) return next();
    const refuse = refuseFor(req, logger);
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    const refuseAfterBody = (alreadyRead: number, status: number, code: string, message: string) =>
      answerAfterDiscarding(req, res, alreadyRead, () => {
        refuse(res, status, code, message);
        next(false);
      });
    if (!JSON_TYPE.test(type)) return refuseAfterBody(0, 415, 'unsupported_media_type', 'the body must be application/json');
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = [413, 'payload_too_large', `the body must be at most ${MAX_BODY_BYTES} bytes`] as const;
    if (declared > MAX_BODY_BYTES) return refuseAfterBody(0, ...tooLarge);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (problem?: readonly [number, string, string]) => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      if (problem) return refuseAfterBody(size, ...problem);
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
      } catch {
        refuse(res, 400, 'bad_json', 'the body is not valid JSON');
        return next(false);
      }
      const bounds = jsonBoundsProblem(parsed);
      if (bounds) {
        refuse(res, 400, 'bad_json', `the body is ${bounds}`);
        return next(false);
      }
      req.body = parsed;
      return next();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) finish(tooLarge);
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('error', () => finish([400, 'bad_request', 'the body could not be read']));
  };
}
