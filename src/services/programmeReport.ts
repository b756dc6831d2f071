/**
 * The programme's figures (`npm run report`, and later the coordinators'
 * view in Teams): reads the programme's carnets, bookings, slots and places
 * from the store and hands them to domain/programmeReport.ts; renders the
 * result as a terminal table and as CSV for spreadsheets, every label from
 * locales/fr/report.json.
 */
import { csvLine } from '../domain/csvCell';
import { computeReport, NOT_GIVEN, type ProgrammeReport, type ReportRow, type Tally } from '../domain/programmeReport';
import type { Stores } from '../store/repositories';

/** The part of i18next's TFunction the rendering needs. */
export type ReportWords = (key: string, options?: Record<string, unknown>) => string;

export async function buildProgrammeReport(stores: Stores, programmeId: string, from: string, to: string): Promise<ProgrammeReport> {
  const [books, bookings, slots, places, answered] = await Promise.all([
    stores.voucherBooks.listByProgramme(programmeId),
    stores.bookings.list({ programmeId }),
    stores.slots.list({ programmeId }),
    stores.places.list({ programmeId }),
    stores.outbox.list({ statuses: ['sent'] }),
  ]);
  // Slots of bookings made before a place lost its role are still named.
  const placeNames = new Map(places.map((p) => [p.id, p.name]));
  const ratings = answered.flatMap((m) =>
    m.kind === 'feedback' && m.programmeId === programmeId && m.bookingId && m.rating !== undefined
      ? [{ bookingId: m.bookingId, rating: m.rating }]
      : [],
  );
  return computeReport({ programmeId, from, to, books, bookings, slots, placeNames, ratings });
}

const COLUMNS = [
  'beneficiaries',
  'books',
  'hoursPrescribed',
  'hoursReserved',
  'hoursConsumed',
  'hoursReleased',
  'hoursExpired',
  'attended',
  'missed',
  'noShowRate',
  'ratings',
  'averageRating',
] as const satisfies readonly (keyof Tally)[];

const SECTIONS = [
  ['theme', 'byTheme'],
  ['place', 'byPlace'],
  ['structure', 'byStructure'],
  ['month', 'byMonth'],
] as const;

function cell(row: Tally, column: (typeof COLUMNS)[number], t: ReportWords): string {
  if (column === 'averageRating')
    return row.averageRating === undefined ? t('report:no_sessions') : row.averageRating.toFixed(1).replace('.', ',');
  if (column === 'noShowRate')
    return row.noShowRate === undefined ? t('report:no_sessions') : `${(row.noShowRate * 100).toFixed(1).replace('.', ',')} %`;
  return String(row[column]);
}

const keyText = (row: ReportRow, t: ReportWords) => (row.key === NOT_GIVEN ? t('report:not_given') : row.key);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function reconciliationText(report: ProgrammeReport, t: ReportWords, bookWord: string): string {
  const r = report.reconciliation;
  const values = { ...r, book: bookWord, count: r.books };
  if (r.ok) return t('report:reconciliation_ok', values);
  return t('report:reconciliation_failed', {
    ...values,
    sum: r.hoursLeft + r.hoursReserved + r.hoursConsumed + r.hoursExpired,
    unbalanced: r.unbalancedBookIds.length,
    ids: r.unbalancedBookIds.slice(0, 10).join(', ') || '—',
  });
}

/** The report for a terminal: totals, one table per grouping, the reconciliation. */
export function reportText(report: ProgrammeReport, t: ReportWords, names: { programme: string; book: string }): string {
  const noShow = report.totals.noShowRate === undefined ? t('report:no_sessions') : cell(report.totals, 'noShowRate', t);
  const rating = cell(report.totals, 'averageRating', t);
  const parts = [
    t('report:title', { programme: names.programme, from: report.from, to: report.to }),
    t('report:totals', { ...report.totals, noShow, rating, book: names.book }),
  ];
  const header = (first: string) => [first, ...COLUMNS.map((c) => t(`report:columns.${c}`))];
  for (const [section, field] of SECTIONS) {
    const rows = report[field];
    parts.push('', t(`report:sections.${section}`));
    parts.push(
      rows.length === 0
        ? t('report:no_rows')
        : table(
            header(t('report:columns.key')),
            rows.map((r) => [keyText(r, t), ...COLUMNS.map((c) => cell(r, c, t))]),
          ),
    );
  }
  parts.push('', reconciliationText(report, t, names.book));
  return parts.join('\n');
}

/** One CSV (comma-separated, UTF-8 with BOM so spreadsheets read the accents) with a grouping column. */
export function reportCsv(report: ProgrammeReport, t: ReportWords): string {
  const header = [t('report:columns.dimension'), t('report:columns.key'), ...COLUMNS.map((c) => t(`report:columns.${c}`))];
  const rows: string[][] = [
    [
      t('report:title', { programme: report.programmeId, from: report.from, to: report.to }),
      '',
      ...COLUMNS.map((c) => rate(report.totals, c)),
    ],
  ];
  for (const [section, field] of SECTIONS) {
    for (const row of report[field]) rows.push([t(`report:sections.${section}`), keyText(row, t), ...COLUMNS.map((c) => rate(row, c))]);
  }
  return `\uFEFF${[header, ...rows].map(csvLine).join('\n')}\n`;
}

/** Numbers as numbers in the CSV (the rate as a fraction), empty when there is none. */
function rate(row: Tally, column: (typeof COLUMNS)[number]): string {
  const value = row[column];
  if (value === undefined) return '';
  return column === 'noShowRate' ? value.toFixed(4) : column === 'averageRating' ? value.toFixed(2) : String(value);
}
