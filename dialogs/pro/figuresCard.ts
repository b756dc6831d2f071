/**
 * The programme's figures as a card a coordinator can read on a phone:
 * the totals as a FactSet, the state of the carnets prescribed in the
 * period (which adds up to the hours prescribed), one small Table per
 * grouping (the busiest rows; the rest in the CSV), French dates, and the
 * CSV to download for a spreadsheet. Every number comes from the one
 * ProgrammeReport (domain/programmeReport.ts).
 */
import { type ConsumedHours, NOT_GIVEN, type ProgrammeReport, type ReportRow } from '../../src/domain/programmeReport';
import { officialThemeName, type Programme } from '../../src/domain/programme';
import type { Translate } from '../../src/i18n';
import { reconciliationText } from '../../src/services/programmeReport';
import type { ProCard, ProTable } from './cards';
import { frenchMonth, frenchPeriod } from './proFormat';

/** Rows shown per grouping; a card is not a spreadsheet. */
const ROWS_SHOWN = 6;

const decimal = (value: number, digits: number) => value.toFixed(digits).replace('.', ',');

export function figuresCard(report: ProgrammeReport, programme: Programme, t: Translate, csvUrl?: string): ProCard {
  const book = programme.voucherBook.word;
  const capital = book.charAt(0).toUpperCase() + book.slice(1);
  const totals = report.totals;
  const hours = (count: number) => t('pro:figures.hours_value', { count });
  const rate = totals.noShowRate === undefined ? '' : t('pro:figures.rate', { rate: `${decimal(totals.noShowRate * 100, 1)} %` });
  const facts: [string, string][] = [
    [t('pro:figures.beneficiaries', { book }), String(totals.beneficiaries)],
    [t('pro:figures.books', { book: capital }), t('pro:figures.books_value', { books: totals.books, hours: totals.hoursPrescribed })],
    [t('pro:figures.reserved'), hours(totals.hoursReserved)],
    [t('pro:figures.consumed'), consumedValue(report, t)],
    [t('pro:figures.released'), hours(totals.hoursReleased)],
    [t('pro:figures.expired'), hours(totals.hoursExpired)],
    [t('pro:figures.sessions'), t('pro:figures.sessions_value', { attended: totals.attended, missed: totals.missed, rate })],
    [
      t('pro:figures.ratings'),
      totals.averageRating === undefined
        ? t('pro:figures.ratings_none')
        : t('pro:figures.ratings_value', { count: totals.ratings, mean: decimal(totals.averageRating, 1) }),
    ],
  ];
  const r = report.reconciliation;
  // Figures by the programme's own names of its themes (« Accès aux droits »), as the Département reports them.
  const themeLabel = (key: string) => {
    const theme = programme.content.themes.find((th) => th.id === key);
    return theme ? officialThemeName(theme) : key;
  };
  const tables: ProTable[] = [
    table(t('pro:figures.by_theme'), report.byTheme, themeLabel, t),
    table(t('pro:figures.by_place'), report.byPlace, (key) => key, t),
    table(t('pro:figures.by_structure'), report.byStructure, (key) => key, t),
    table(t('pro:figures.by_month'), report.byMonth, frenchMonth, t),
  ];
  const card: ProCard = {
    title: t('pro:figures.title', {
      programme: programme.name,
      departement: programme.departement.name,
      period: frenchPeriod(report.from, report.to, t),
    }),
    facts,
    sections: [],
    tables,
    lines: [r.ok ? t('pro:figures.check_ok') : reconciliationText(report, t, book)],
  };
  if (r.books > 0) {
    // The carnets of the period as they stand: these four add up to the hours prescribed above.
    card.sections = [
      {
        heading: t('pro:figures.state_heading', { count: r.books, book }),
        lines: [
          `${t('pro:figures.state_left')} : ${hours(r.hoursLeft)}`,
          `${t('pro:figures.state_pending')} : ${hours(r.hoursReserved)}`,
          `${t('pro:figures.state_used')} : ${hours(r.hoursConsumed)}`,
          `${t('pro:figures.state_expired')} : ${hours(r.hoursExpired)}`,
          `${t('pro:figures.state_total')} : ${hours(r.hoursPrescribed)}`,
        ],
      },
    ];
  }
  if (csvUrl) card.links = [{ title: t('pro:figures.csv_link'), url: csvUrl }];
  return card;
}

/** « 4 h (1 h en séance honorée, 3 h sans séance dans l'assistant) »: what consumed them, the parts that are not zero. */
function consumedValue(report: ProgrammeReport, t: Translate): string {
  const total = t('pro:figures.hours_value', { count: report.totals.hoursConsumed });
  const parts = (Object.entries(report.consumedFor) as [keyof ConsumedHours, number][])
    .filter(([, count]) => count > 0)
    .map(([cause, count]) => t(`pro:figures.consumed_for.${cause}`, { count }));
  return parts.length === 0 ? total : t('pro:figures.consumed_value', { total, parts: parts.join(', ') });
}

function table(heading: string, rows: ReportRow[], name: (key: string) => string, t: Translate): ProTable {
  const shown = rows
    .slice(0, ROWS_SHOWN)
    .map((row) => [
      row.key === NOT_GIVEN ? t('pro:figures.not_given') : name(row.key),
      String(row.beneficiaries),
      String(row.hoursReserved),
      String(row.hoursConsumed),
      String(row.missed),
    ]);
  const hidden = rows.length - shown.length;
  if (hidden > 0) shown.push([t('pro:figures.more_rows', { count: hidden }), '', '', '', '']);
  return {
    heading,
    columns: [
      '',
      t('pro:figures.column_people'),
      t('pro:figures.column_reserved'),
      t('pro:figures.column_consumed'),
      t('pro:figures.column_missed'),
    ],
    rows: shown,
    empty: t('pro:figures.none'),
  };
}
