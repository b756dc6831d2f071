/**
 * What a professional's question about figures or a file's log asks
 * (issue 14): the period a coordinator names, the département, one number;
 * « qui a vu le dossier de Martine » is the log of Martine's file.
 */
import assert from 'node:assert/strict';
import { personInFiguresQuestion, readFiguresFollowUp, readFiguresRequest } from '../../src/nlu/figuresRequest';
import { auditedPerson, matchProIntent, parsePersonQuery } from '../../src/nlu/proRequest';
import { findReportPeriod } from '../../src/nlu/reportPeriod';

/** Wednesday 2 December 2026, 08:37 in Paris (the tests' day). */
const NOW = new Date('2026-12-02T08:37:00+01:00');
const DEPARTEMENTS = [
  { code: '48', name: 'Lozère' },
  { code: '26', name: 'Drôme' },
];

const span = (text: string, now = NOW) => {
  const period = findReportPeriod(text, now);
  return period && { from: period.from, to: period.to, future: period.future };
};

describe('the period of a figures question, read on 2 December 2026', () => {
  const cases: [string, string, string, boolean?][] = [
    ['chiffres de novembre', '2026-11-01', '2026-11-30'],
    ['les chiffres en octobre', '2026-10-01', '2026-10-31'],
    ['chiffres d octobre 2025', '2025-10-01', '2025-10-31'],
    // A month not yet reached this year is last year's.
    ['chiffres de janvier', '2026-01-01', '2026-01-31'],
    ['le mois dernier', '2026-11-01', '2026-11-30'],
    ['combien de carnets ce mois ci', '2026-12-01', '2026-12-02'],
    ['combien de carnets ce mois-ci ?', '2026-12-01', '2026-12-02'],
    ['chiffres de decembre', '2026-12-01', '2026-12-02'],
    ['décembre dernier', '2025-12-01', '2025-12-31'],
    ['depuis septembre', '2026-09-01', '2026-12-02'],
    ['depuis le 15 octobre', '2026-10-15', '2026-12-02'],
    ['depuis le début de l’année', '2026-01-01', '2026-12-02'],
    ['cette année', '2026-01-01', '2026-12-02'],
    ["l'année dernière", '2025-01-01', '2025-12-31'],
    ['en 2025', '2025-01-01', '2025-12-31'],
    ['de septembre à novembre', '2026-09-01', '2026-11-30'],
    ['entre novembre et janvier', '2025-11-01', '2026-01-31'],
    ['du 1er octobre au 15 novembre', '2026-10-01', '2026-11-15'],
    ['cette semaine', '2026-11-30', '2026-12-02'],
    ['la semaine dernière', '2026-11-23', '2026-11-29'],
    ["aujourd'hui", '2026-12-02', '2026-12-02'],
    ['hier', '2026-12-01', '2026-12-01'],
    // Not begun: the whole period, said to be in the future.
    ['le mois prochain', '2027-01-01', '2027-01-31', true],
    ['chiffres de janvier 2027', '2027-01-01', '2027-01-31', true],
    ["l'an prochain", '2027-01-01', '2027-12-31', true],
  ];
  for (const [text, from, to, future] of cases) {
    it(`« ${text} » → ${from} … ${to}${future ? ' (not begun)' : ''}`, () => {
      assert.deepEqual(span(text), { from, to, future: !!future });
    });
  }

  it('names no period in « les chiffres » nor « sept carnets »; « depuis le 31 novembre », no such day, is November', () => {
    assert.equal(span('les chiffres'), undefined);
    assert.equal(span('sept carnets'), undefined);
    assert.deepEqual(span('depuis le 31 novembre'), { from: '2026-11-01', to: '2026-11-30', future: false });
  });

  it('reads « janvier » in March 2027 as January 2027, « novembre » as November 2026', () => {
    const march = new Date('2027-03-10T10:00:00+01:00');
    assert.deepEqual(span('janvier', march), { from: '2027-01-01', to: '2027-01-31', future: false });
    assert.deepEqual(span('novembre', march), { from: '2026-11-01', to: '2026-11-30', future: false });
  });
});

describe('a figures question: département and number asked', () => {
  it('« combien de carnets ce mois ci » asks the carnets prescribed this month, and is a figures question', () => {
    assert.equal(matchProIntent('combien de carnets ce mois ci'), 'figures');
    const request = readFiguresRequest('combien de carnets ce mois ci', NOW, DEPARTEMENTS);
    assert.equal(request.measure, 'books');
    assert.deepEqual([request.period?.from, request.period?.to], ['2026-12-01', '2026-12-02']);
    assert.equal(request.departementCode, undefined);
  });

  it('« chiffres de la lozere » names the Lozère; « nombre de beneficiaires », « combien de seances » one number each', () => {
    assert.equal(readFiguresRequest('chiffres de la lozere', NOW, DEPARTEMENTS).departementCode, '48');
    assert.equal(readFiguresRequest('nombre de bénéficiaires en octobre', NOW, DEPARTEMENTS).measure, 'beneficiaries');
    assert.equal(readFiguresRequest('combien de seances ce mois ci ?', NOW, DEPARTEMENTS).measure, 'sessions');
    assert.equal(readFiguresRequest('les chiffres', NOW, DEPARTEMENTS).measure, undefined);
  });

  it('« combien de carnets cette semaine » is figures, « combien de seances aujourd hui » the day’s sessions', () => {
    assert.equal(matchProIntent('combien de carnets cette semaine'), 'figures');
    assert.equal(matchProIntent('combien de seances aujourd hui'), 'today');
  });

  it('after figures, « et le mois dernier ? » keeps the question for another period; a name is no follow-up', () => {
    const previous = readFiguresRequest('combien de carnets ce mois ci', NOW, DEPARTEMENTS);
    const next = readFiguresFollowUp('et le mois dernier ?', previous, NOW, DEPARTEMENTS);
    assert.equal(next?.measure, 'books');
    assert.deepEqual([next?.period?.from, next?.period?.to], ['2026-11-01', '2026-11-30']);
    assert.equal(readFiguresFollowUp('et pour la Lozère ?', previous, NOW, DEPARTEMENTS)?.departementCode, '48');
    assert.equal(readFiguresFollowUp('et Martine Delmas en octobre ?', previous, NOW, DEPARTEMENTS), undefined);
    assert.equal(readFiguresFollowUp('martine delmas', previous, NOW, DEPARTEMENTS), undefined);
  });
});

describe('a question about who consulted a file', () => {
  it('« qui a vu le dossier de martine » asks the log of Martine’s file, not for a person called « qui vu martine »', () => {
    assert.equal(matchProIntent('qui a vu le dossier de martine'), 'audit');
    assert.deepEqual(auditedPerson('qui a vu le dossier de martine', NOW), { name: 'martine' });
    assert.deepEqual(auditedPerson('Qui a consulté le dossier de Gérard Faure ?', NOW), { name: 'gerard faure' });
    assert.equal(auditedPerson('qui a vu son dossier ?', NOW), undefined);
  });

  it('« ses rdv » names no one (it means the person in the thread)', () => {
    assert.equal(parsePersonQuery('ses rdv', NOW), undefined);
    assert.equal(parsePersonQuery('et ses rendez-vous ?', NOW), undefined);
    assert.deepEqual(parsePersonQuery('les rdv de martine delmas', NOW), { name: 'martine delmas' });
  });
});

describe('a figures question about one person (« combien de carnets a Martine Delmas »)', () => {
  it('names the person, whose file answers it', () => {
    const cases: [string, string][] = [
      ['combien de carnets a Martine Delmas', 'martine delmas'],
      ['combien de carnet martine', 'martine'],
      ['Martine Delmas combien de carnets', 'martine delmas'],
      ['combien de chequiers pour Mme Faure', 'faure'],
      ['les chiffres de Gérard Faure', 'gerard faure'],
      ['nombre de carnets de martine', 'martine'],
      ['combien de carnets a eu martine en octobre', 'martine'],
    ];
    for (const [text, name] of cases) assert.equal(personInFiguresQuestion(text, NOW, DEPARTEMENTS)?.name, name, text);
  });

  it('names nobody in a question about the programme', () => {
    for (const text of [
      'combien de carnets on a prescrit ce mois ci',
      'combien de carnets en tout',
      'combien de carnets prescrits depuis le debut de l annee',
      'les chiffres du programme',
      'les chiffres de mon departement',
      'combien de beneficiaires on a eu',
      'combien de seances tenues le mois dernier',
      'stats du mois dernier stp',
      'le bilan de l annee derniere',
      'rapport mensuel',
      'chiffres de la lozere en octobre',
      'combien de carnets avons nous distribue',
      'combien de carnets pour ma structure',
      // A word of the question mistyped is no name.
      'chiffres mois derneir',
      'les chifres de novmbre',
    ]) {
      assert.equal(personInFiguresQuestion(text, NOW, DEPARTEMENTS), undefined, text);
    }
  });
});

describe('a département the programme does not serve, in a figures question', () => {
  const ALL = [
    ...DEPARTEMENTS,
    { code: '07', name: 'Ardèche' },
    { code: '30', name: 'Gard' },
    { code: '43', name: 'Haute-Loire' },
    { code: '42', name: 'Loire' },
    { code: '46', name: 'Lot' },
  ];

  it('is named by code, apart from the served ones', () => {
    const cases: [string, string][] = [
      ["chiffres de l'Ardèche", '07'],
      ['les stats du gard', '30'],
      ['stats ardeche', '07'],
      ['les chiffres de la haute-loire', '43'],
      ['combien de carnets dans le Gard le mois dernier', '30'],
    ];
    for (const [text, code] of cases) assert.equal(readFiguresRequest(text, NOW, DEPARTEMENTS, ALL).unservedDepartementCode, code, text);
  });

  it('is no short name said without its preposition (« lot », an ordinary word), nor a served one', () => {
    assert.equal(readFiguresRequest('les chiffres par lot', NOW, DEPARTEMENTS, ALL).unservedDepartementCode, undefined);
    assert.deepEqual(readFiguresRequest('chiffres de la lozere', NOW, DEPARTEMENTS, ALL), { departementCode: '48' });
  });

  it('replaces the département asked before in « et pour le gard ? »', () => {
    const follow = readFiguresFollowUp('et pour le gard ?', { departementCode: '48', measure: 'books' }, NOW, DEPARTEMENTS, ALL);
    assert.deepEqual(follow, { measure: 'books', unservedDepartementCode: '30' });
  });
});
