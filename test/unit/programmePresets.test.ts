import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { availableProgrammeIds, loadProgrammes, ProgrammeConfigError, PROGRAMMES_DIR } from '../../src/data/programmes';
import { euroValue, hoursPerBook } from '../../src/domain/programme';
import { loadProgrammeCatalog } from '../../src/services/programmeCatalog';
import { french } from '../../src/i18n';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ProgrammeConfigError) return error.problems;
    throw error;
  }
  return [];
}

function tempPresets(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'presets-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

const lozereJson = () => JSON.parse(readFileSync(path.join(PROGRAMMES_DIR, 'lozere.json'), 'utf8'));

describe('programme presets', () => {
  it('ships valid Lozère and Drôme presets', () => {
    assert.deepEqual(availableProgrammeIds(), ['drome', 'lozere']);
    const [lozere, drome] = loadProgrammes(['lozere', 'drome']);
    assert.ok(lozere && drome);
    assert.equal(lozere.name, 'Pass Numérique');
    assert.equal(drome.name, "Pass'numérique");
    assert.equal(lozere.departement.code, '48');
    assert.equal(drome.departement.code, '26');
  });

  it('keeps the published facts of the Lozère', () => {
    const lozere = loadProgrammeCatalog(['lozere']).require('lozere');
    assert.equal(hoursPerBook(lozere), 10);
    assert.equal(euroValue(lozere, 10), 100);
    assert.equal(lozere.voucherBook.word, 'carnet');
    assert.equal(lozere.limits.maxBooksPerBeneficiary.value, null);
    assert.equal(lozere.limits.maxBooksPerBeneficiary.assumed, true);
    assert.deepEqual(
      lozere.content.themes.map((t) => t.officialName),
      ['Compétences de base', 'Accès aux droits', 'Insertion professionnelle', 'Aide à la parentalité'],
    );
    // What people read: plain words, short and GSM-7 for SMS (« Accès aux droits » meant nothing to the elderly).
    assert.deepEqual(
      lozere.content.themes.map((t) => t.label),
      [
        'Les bases : ordinateur, téléphone, mails',
        'Démarches en ligne : CAF, Ameli, retraite',
        'Chercher un emploi, faire un CV',
        'Aider ses enfants : école, écrans',
      ],
    );
    assert.deepEqual(lozere.fundedBy, ['Département de la Lozère', 'État', 'Enedis']);
    assert.deepEqual(
      lozere.figures.map((f) => f.value),
      [99, 102],
    );
  });

  it('keeps the published facts of the Drôme', () => {
    const drome = loadProgrammeCatalog(['drome']).require('drome');
    assert.equal(drome.voucherBook.word, 'chéquier');
    assert.equal(hoursPerBook(drome), 5);
    assert.equal(euroValue(drome, 5), undefined, 'no euro value is published');
    assert.equal(drome.limits.maxBooksPerBeneficiary.value, 8);
    assert.equal(drome.limits.maxHoursPerBeneficiary.value, 40);
    assert.equal(drome.limits.maxHoursPerBeneficiary.assumed, false);
    assert.equal(drome.since, 2020);
    assert.equal(drome.content.kind, 'catalogue');
    assert.ok(drome.content.themes.length >= 15);
    assert.ok(drome.audienceNotes.some((n) => /agriculteurs/.test(n)));
  });

  it('marks every value the sources do not give as assumed', () => {
    for (const p of loadProgrammes()) {
      for (const value of [
        p.validityMonths,
        p.minimumAge,
        p.cancellation.noticeHours,
        p.cancellation.lateCancellation,
        p.cancellation.noShow,
        p.places.defaultOpeningHours,
        p.slots.sessionMinutes,
        p.slots.capacity,
      ]) {
        assert.equal(value.assumed, true, `${p.id}: ${JSON.stringify(value)}`);
        assert.ok(value.note, `${p.id}: an assumed value says why`);
      }
      assert.equal(p.cancellation.noticeHours.value, 24);
      assert.equal(p.slots.sessionMinutes.value, 60);
    }
  });

  it('names the file and every bad field, one line each', () => {
    const broken = lozereJson();
    broken.voucherBook.vouchers = -3;
    delete broken.audience;
    broken.places.training.colour = 'blue';
    const dir = tempPresets({ 'lozere.json': broken });
    const problems = problemsOf(() => loadProgrammes(['lozere'], dir));
    const file = path.join(dir, 'lozere.json');
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.ok(problems.every((p) => p.startsWith(`${file}: `) && !p.includes('\n')));
    assert.ok(problems.some((p) => p.includes('voucherBook.vouchers')));
    assert.ok(problems.some((p) => p.includes('audience')));
    assert.ok(problems.some((p) => p.includes('places.training') && p.includes('colour')));
  });

  it('reports invalid JSON and an id that does not match its file', () => {
    const other = { ...lozereJson(), id: 'cantal' };
    const dir = tempPresets({ 'lozere.json': '{ "id": ', 'drome.json': other });
    const problems = problemsOf(() => loadProgrammes(['lozere', 'drome'], dir));
    assert.equal(problems.length, 2);
    assert.match(problems[0], /lozere\.json: invalid JSON/);
    assert.match(problems[1], /drome\.json: id: "cantal" must match the file name/);
  });

  it('refuses an unknown programme id, listing the known ones', () => {
    const problems = problemsOf(() => loadProgrammeCatalog(['lozere', 'ardeche']));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /unknown programme "ardeche" \(available: drome, lozere/);
  });

  it('filters the catalogue to the PROGRAMMES setting', () => {
    const catalog = loadProgrammeCatalog(['drome']);
    assert.deepEqual(catalog.ids, ['drome']);
    assert.equal(catalog.get('lozere'), undefined);
    assert.equal(catalog.forDepartement('26')?.id, 'drome');
    assert.throws(() => catalog.require('lozere'), ProgrammeConfigError);
  });

  it('gives every long theme label a short one for SMS lists, and no short label to a theme that does not exist', () => {
    const themes = loadProgrammes(['lozere', 'drome']).flatMap((p) => p.content.themes);
    const short = french()('themes:sms_labels', { returnObjects: true }) as Record<string, string>;
    const { _comment, ...labels } = short;
    assert.ok(_comment);
    for (const id of Object.keys(labels))
      assert.ok(
        themes.some((th) => th.id === id),
        `sms_labels.${id}: no such theme`,
      );
    for (const theme of themes.filter((th) => th.label.length > 30)) {
      assert.ok(labels[theme.id], `${theme.id}: « ${theme.label} » has no short label for SMS`);
      assert.ok(labels[theme.id].length <= 35, `${theme.id}: « ${labels[theme.id]} » is not short`);
    }
  });
});
