/**
 * Imported and stored text is shown to people and opened in spreadsheets:
 * a place name from a file must not become a formula, a link or markup
 * (issue 16, medium 6). The attacks are the ones the review used.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { adaptiveCard } from '../../dialogs/pro/cards';
import { render } from '../../src/channels/render';
import { communes } from '../../src/data/communes';
import { loadProgrammes } from '../../src/data/programmes';
import { csvCell } from '../../src/domain/csvCell';
import { plainText } from '../../src/domain/untrustedText';
import { french } from '../../src/i18n';
import { seedDemo } from '../../src/services/demoSeed';
import { importPlaces } from '../../src/services/placeImport';
import { buildProgrammeReport, reportCsv } from '../../src/services/programmeReport';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';

const programmes = loadProgrammes(['lozere', 'drome']);
const FORMULA = '=HYPERLINK("https://evil.example","Cliquez")';
const SCAM_LINK = '[Appelez le 08 99 12 34 56](https://evil.example)';
/** A markdown link whose opening bracket is not escaped. */
const LIVE_LINK = /(^|[^\\])\[[^\]]*\]\(/;
const HEADER = 'id,nom,adresse,code_postal,commune,code_insee,telephone,presentation_resume';

/** Cells a spreadsheet would run as a formula. */
const formulaCells = (csv: string) =>
  parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true })
    .flat()
    .filter((cell) => /^[=+\-@\t\r]/.test(cell));

describe('untrusted text: CSV cells, imported names, Teams cards', function () {
  this.timeout(60_000);
  let stores: Stores;
  let dir: string;

  beforeEach(async () => {
    stores = await openStores({ inMemory: true });
    dir = mkdtempSync(path.join(tmpdir(), 'untrusted-'));
  });
  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a CSV cell starting with =, +, -, @, tab or CR is written as text (OWASP)', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}1+1`);
      assert.ok(cell.startsWith(`"'${start}`), JSON.stringify(cell));
    }
    assert.equal(csvCell('Médiathèque de Mende'), 'Médiathèque de Mende');
    assert.equal(csvCell(12), '12');
  });

  it('lieux.rejected.csv: a row whose id and name are formulas is listed with neutralised cells', async () => {
    const file = path.join(dir, 'lieux.csv');
    const quoted = `"${FORMULA.replace(/"/g, '""')}"`;
    writeFileSync(file, `${HEADER}\n${quoted},${quoted},1 rue X,99999,Nulle Part,,,\n`);
    const summary = await importPlaces(stores.places, { file, programmes, communes: communes() });
    assert.equal(summary.rejected, 1);
    const written = readFileSync(summary.rejectionsFile!, 'utf8');
    assert.deepEqual(formulaCells(written), [], written);
    assert.match(written, /'=HYPERLINK/);
  });

  it('an imported name or text keeps its words, never a markdown link or an HTML tag', async () => {
    const file = path.join(dir, 'lieux.csv');
    const name = `"Médiathèque ${SCAM_LINK.replace(/"/g, '""')} <img src=x onerror=alert(1)>"`;
    writeFileSync(
      file,
      `${HEADER}\nfx-evil-1,${name},Place du Foirail,48000,Mende,48095,,"<script>alert(1)</script>Ateliers <b>numériques</b>"\n`,
    );
    const summary = await importPlaces(stores.places, { file, programmes, communes: communes() });
    assert.equal(summary.created, 1, JSON.stringify(summary.rejections));
    const place = await stores.places.get('fx-evil-1');
    const stored = JSON.stringify(place);
    for (const bad of ['evil.example', '](', '<img', 'onerror', '<script', 'alert(1)', '<b>'])
      assert.ok(!stored.includes(bad), `${bad} in ${stored}`);
    assert.match(place!.name, /Appelez le 08 99 12 34 56/);
  });

  it('npm run report --csv: a place named like a formula is written as text', async () => {
    await seedDemo(stores, { programmes, now: new Date('2026-03-20T09:15:00Z') });
    // The name as a file could have set it before this fix (the store keeps what it is given).
    for (const place of await stores.places.list()) await stores.places.upsert({ ...place, name: `${FORMULA} ${place.id}` });
    const report = await buildProgrammeReport(stores, 'lozere', '2025-01-01', '2026-12-31');
    assert.ok(
      report.byPlace.some((row) => row.key.startsWith('=HYPERLINK')),
      'the report groups by the hostile name',
    );
    const csv = reportCsv(report, french());
    assert.deepEqual(formulaCells(csv), []);
  });

  it('Teams: card text blocks and facts escape markdown, plain messages are sent as plain text', () => {
    const t = french();
    const [withChoices] = render({ text: `Lieu : ${SCAM_LINK}`, choices: ['Oui', 'Non'] }, 'teams', t);
    const blocks = (withChoices.attachments![0].content as { body: { text: string }[] }).body.map((b) => b.text);
    assert.ok(
      blocks.every((text) => !LIVE_LINK.test(text)),
      blocks.join('\n'),
    );
    const [plain] = render({ text: SCAM_LINK }, 'teams', t);
    assert.equal(plain.textFormat, 'plain');
    const card = adaptiveCard({ title: SCAM_LINK, facts: [['Lieu', SCAM_LINK]], lines: [`**${SCAM_LINK}**`] }).body as {
      text?: string;
      facts?: { value: string }[];
    }[];
    const texts = card.flatMap((b) => [b.text ?? '', ...(b.facts ?? []).map((f) => f.value)]);
    assert.ok(
      texts.every((text) => !LIVE_LINK.test(text) && !/(^|[^\\])\*\*/.test(text)),
      texts.join('\n'),
    );
  });

  it('plainText keeps ordinary text as it is', () => {
    assert.equal(plainText('Café & Co — ouvert < 18h (mardi)'), 'Café & Co — ouvert < 18h (mardi)');
    assert.equal(plainText('Espace <b>numérique</b> &amp; France Services'), 'Espace numérique & France Services');
  });
});
