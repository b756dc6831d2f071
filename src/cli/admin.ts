/**
 * npm run admin -- <command> [options]
 *
 *   add --role prescriber|coordinator|trainer --programme <id> --name <name>
 *       --aad <Entra object id> [--tenant <tenant id>]
 *       [--structure <structure>]   (prescriber, coordinator)
 *       [--places <id,id>]          (trainer)   [--id <record id>]
 *   list [--programme <id>]
 *   disable --aad <object id> | --id <record id>
 *
 * Works on the store chosen by MONGODB_URI (else the embedded store in
 * DATA_DIR: stop the bot first, it holds the folder). Exit 0 on success,
 * 2 on bad arguments (one line saying which), 1 when the store fails.
 */
import dotenv from 'dotenv';
import { parseArgs } from 'node:util';
import { AdminError, parseAdd, ProfessionalAdmin, type ProfessionalRow } from '../services/pro/professionalAdmin';
import { openStores } from '../store/openStores';

const USAGE = 'usage: npm run admin -- add|list|disable [options] (see src/cli/admin.ts)';

const OPTIONS = {
  role: { type: 'string' },
  programme: { type: 'string' },
  name: { type: 'string' },
  aad: { type: 'string' },
  tenant: { type: 'string' },
  structure: { type: 'string' },
  places: { type: 'string' },
  id: { type: 'string' },
} as const;

class UsageError extends Error {}

function row(p: ProfessionalRow): string {
  return [p.active ? 'active' : 'disabled', p.role, p.programmeId, p.id, p.name, p.structure, p.aadObjectId, p.tenantId || '-'].join('\t');
}

async function main(argv: string[]): Promise<number> {
  dotenv.config({ quiet: true });
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const [command, ...extra] = parsed.positionals;
  if (!command || !['add', 'list', 'disable'].includes(command) || extra.length > 0) throw new UsageError(USAGE);
  const values = Object.fromEntries(Object.entries(parsed.values).filter(([, v]) => v !== undefined));
  const request = command === 'add' ? parseAdd(values) : undefined;

  const programmeIds = (process.env.PROGRAMMES || 'lozere,drome')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const stores = await openStores({ mongodbUri: process.env.MONGODB_URI || undefined, dataDir: process.env.DATA_DIR || '.data' });
  try {
    const admin = new ProfessionalAdmin(stores, programmeIds);
    if (command === 'add') process.stdout.write(`added\t${row(await admin.add(request!))}\n`);
    if (command === 'list') {
      const rows = await admin.list(parsed.values.programme);
      process.stdout.write(rows.map(row).join('\n') + (rows.length ? '\n' : 'no professionals\n'));
    }
    if (command === 'disable')
      process.stdout.write(`disabled\t${row(await admin.disable({ aad: parsed.values.aad, id: parsed.values.id }))}\n`);
  } finally {
    await stores.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof AdminError) {
      process.stderr.write(`admin: ${error.message}\n`);
      process.exit(2);
    }
    const message = error instanceof Error ? `${error.name}: ${error.message.split('\n').join('; ')}` : String(error);
    process.stderr.write(`admin failed: ${message}\n`);
    process.exit(1);
  },
);
