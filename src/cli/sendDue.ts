/**
 * `npm run reminders:send -- [2026-12-03T09:00]`: asks the bot running on
 * this machine (npm start, local Web Chat) to send what its outbox holds
 * due at that time (Paris time; default now), and prints what happened as
 * JSON — sent, retried, failed, cancelled, and whether it was quiet hours.
 * See src/http/outboxTryRoute.ts for where this is allowed.
 */
import dotenv from 'dotenv';
import { OUTBOX_TRY_PATH } from '../http/outboxTryRoute';

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const port = Number(process.env.PORT ?? 3978);
  const at = process.argv[2];
  const response = await fetch(`http://127.0.0.1:${port}${OUTBOX_TRY_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(at ? { at } : {}),
  });
  process.stdout.write(`${JSON.stringify({ status: response.status, ...((await response.json()) as object) })}\n`);
  if (!response.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  // Most often: the bot is not running on this port (npm start first).
  process.stderr.write(
    `${JSON.stringify({ error: error instanceof Error ? error.message : 'unknown', port: process.env.PORT ?? 3978 })}\n`,
  );
  process.exitCode = 1;
});
