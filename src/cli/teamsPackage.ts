/**
 * npm run teams:package [-- --out <file.zip>]
 *
 * Writes the Teams app package (default dist/teams/pass-numerique-teams.zip)
 * for the bot whose id is the MicrosoftAppId setting (environment or .env).
 * Exit 0 with the path; 2 with one line when the setting is missing or not
 * a GUID (Teams needs the Azure Bot's app id); 1 when the file cannot be written.
 */
import dotenv from 'dotenv';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAppPackage } from '../teams/appPackage';
import { french } from '../i18n';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function main(): number {
  dotenv.config({ quiet: true });
  let out = 'dist/teams/pass-numerique-teams.zip';
  try {
    const parsed = parseArgs({ args: process.argv.slice(2), options: { out: { type: 'string' } }, strict: true });
    out = parsed.values.out ?? out;
  } catch (error) {
    process.stderr.write(`teams:package: ${(error as Error).message}\n`);
    return 2;
  }
  const botId = (process.env.MicrosoftAppId ?? '').trim();
  if (!GUID.test(botId)) {
    process.stderr.write(
      `teams:package: MicrosoftAppId ${botId ? 'is not a GUID' : 'is not set'}: set it (environment or .env) to the Azure Bot's Microsoft App ID\n`,
    );
    return 2;
  }
  const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  const websiteUrl = (process.env.TEAMS_APP_WEBSITE ?? '').trim() || 'https://www.ladrome.fr';
  const zip = buildAppPackage({ botId: botId.toLowerCase(), version, websiteUrl, t: french() });
  const path = resolve(out);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, zip);
  process.stdout.write(`${path}\n`);
  return 0;
}

try {
  process.exit(main());
} catch (error) {
  process.stderr.write(`teams:package failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
