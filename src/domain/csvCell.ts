/**
 * One CSV cell, safe to open in a spreadsheet. A cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and
 * LibreOffice as a formula (`=HYPERLINK(…)` from an imported place name),
 * so it gets a leading apostrophe, which spreadsheets show as text (OWASP
 * "CSV injection"); a cell holding a separator, a quote or a line break is
 * quoted. Numbers are written as they are: they are ours, not imported.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",;\n\r]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of cells. */
export function csvLine(values: readonly (string | number)[]): string {
  return values.map(csvCell).join(',');
}
