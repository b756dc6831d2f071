/**
 * npm run report -- --programme ID --from YYYY-MM-DD --to YYYY-MM-DD [--csv FILE]
 *
 * The programme's figures over the period from the store chosen by
 * MONGODB_URI (else DATA_DIR): a table on the terminal, a CSV for
 * spreadsheets with --csv, and the ledger reconciliation. Exit 0 when the
 * figures reconcile, 2 when they do not, 1 on bad arguments or a store
 * problem (one line).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { DateTime } from 'luxon';
import { loadProgrammes } from '../data/programmes';
import { french } from '../i18n';
import { buildProgrammeReport, reportCsv, reportText, type ReportWords } from '../services/programmeReport';
import { openStores } from '../store/openStores';

const USAGE = 'usage: npm run report -- --programme ID --from YYYY-MM-DD --to YYYY-MM-DD [--csv FILE]';

class UsageError extends Error {}

function isoDate(value: string | undefined, name: string): string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid)
    throw new UsageError(`--${name} must be a date YYYY-MM-DD; ${USAGE}`);
  return value;
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: { programme: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, csv: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; ${USAGE}`);
  }
  const { values } = parsed;
  if (!values.programme) throw new UsageError(USAGE);
  const from = isoDate(values.from, 'from');
  const to = isoDate(values.to, 'to');
  if (to < from) throw new UsageError('--to is before --from');
  return { programmeId: values.programme.trim().toLowerCase(), from, to, csv: values.csv };
}

async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  const { programmeId, from, to, csv } = options();
  const [programme] = loadProgrammes([programmeId]);
  const t = french() as unknown as ReportWords;
  const stores = await openStores({ mongodbUri: process.env.MONGODB_URI || undefined, dataDir: process.env.DATA_DIR || '.data' });
  try {
    const report = await buildProgrammeReport(stores, programmeId, from, to);
    process.stdout.write(
      `${reportText(report, t, { programme: `${programme.name} (${programme.departement.name})`, book: programme.voucherBook.word })}\n`,
    );
    if (csv) {
      writeFileSync(csv, reportCsv(report, t), 'utf8');
      process.stdout.write(`${t('report:csv_written', { file: csv })}\n`);
    }
    return report.reconciliation.ok ? 0 : 2;
  } finally {
    await stores.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message =
      error instanceof UsageError ? error.message : error instanceof Error ? error.message.split('\n').join('; ') : String(error);
    process.stderr.write(`report: ${message}\n`);
    process.exit(1);
  },
);
