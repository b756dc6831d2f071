import { ageAnswer, ageIn } from '../../src/nlu/ageEntity';
import assert from 'node:assert/strict';
import { loadProgrammes } from '../../src/data/programmes';
import { saysNoVoucherBook } from '../../src/nlu/conversationSignals';
import { departementOfPostalCode } from '../../src/nlu/departementEntity';
import { looksLikeProRequest } from '../../src/nlu/proRequest';
import { type UnderstandContext, understand } from '../../src/nlu/understand';

/** Wednesday 2 December 2026, 10:00 in Paris: the day the faults were found. */
const NOW = new Date('2026-12-02T10:00:00+01:00');
const programmes = loadProgrammes();

function read(text: string, context: Partial<UnderstandContext> = {}) {
  return understand(text, { now: NOW, programmes, ...context });
}
const communeOf = (text: string, context: Partial<UnderstandContext> = {}) => read(text, context).entities.commune?.name;
const day = (iso: string | undefined) => iso?.slice(0, 10);

describe('understand(): « près de X » and other ways of saying where', () => {
  for (const [text, commune] of [
    ['un lieu pres de mende', 'Mende'],
    ['près de Florac', 'Florac Trois Rivières'],
    ['plus près de Langogne', 'Langogne'],
    ['à côté de Die', 'Die'],
    ['a coté de Die', 'Die'],
    ['vers Crest', 'Crest'],
    ['pas loin de Nyons', 'Nyons'],
    ['autour de Die', 'Die'],
  ] as const) {
    it(`« ${text} » → ${commune}, never the Drôme village Les Prés (26255)`, () => {
      const { commune: found } = read(text, { expecting: 'commune' }).entities;
      assert.equal(found?.name, commune);
      assert.equal(found?.near, true);
    });
  }

  it('« un lieu près de chez moi » names no commune: the flag says « near me »', () => {
    const { entities } = read('un lieu près de chez moi', { expecting: 'commune' });
    assert.equal(entities.commune, undefined);
    assert.equal(entities.nearMe, true);
  });

  it('still finds Les Prés when its article is typed: « les prés »', () => {
    assert.equal(communeOf('les prés', { expecting: 'commune' }), 'Les Prés');
  });

  it('« romans » is Romans-sur-Isère (26100) first: the served départements come first', () => {
    const found = read('romans', { expecting: 'commune' }).entities.commune;
    assert.equal(found?.name, 'Romans-sur-Isère');
    assert.ok(found?.postalCodes.includes('26100'));
    assert.equal(communeOf('je cherche un lieu à romans'), 'Romans-sur-Isère');
  });

  it('« j habite a marvejol » is Marvejols: a name missing its last letters after « à », never an ordinary noun after « de » or « au »', () => {
    assert.equal(communeOf('jhabite a marvejol et jai 70 ans'), 'Marvejols');
    assert.equal(communeOf('je suis a montelima'), 'Montélimar');
    assert.equal(communeOf('la maison de culture'), undefined);
    assert.equal(communeOf('je vais au marche'), undefined);
  });

  it('« crest » picks « Crest (26400) » from the list of communes offered', () => {
    const { option } = read('crest', { choices: ['Crest (26400)', "Cléon-d'Andran (26450)"] }).entities;
    assert.equal(option?.index, 0);
  });

  it('reads the département numbers « 48 » and « 26 », and not « le 15 » (a day)', () => {
    assert.deepEqual(read('48').entities.departement, { code: '48', served: true });
    assert.deepEqual(read('26').entities.departement, { code: '26', served: true });
    assert.equal(read('le 15').entities.departement, undefined);
  });

  it('« 69000 », which no commune has (Lyon is 69001 to 69009), is the Rhône, never a look-alike commune (« c est 69000 » was Crest)', () => {
    for (const text of ['69000', "c'est 69000"]) {
      const { entities } = read(text, { expecting: 'commune' });
      assert.equal(entities.commune, undefined, text);
      assert.deepEqual(entities.departement, { code: '69', served: false }, text);
    }
    assert.equal(read('26400', { expecting: 'commune' }).entities.commune?.name, 'Crest');
    assert.deepEqual(read('26999', { expecting: 'commune' }).entities.departement, { code: '26', served: true });
  });

  it('a postal code overseas or in Corsica says its département', () => {
    assert.equal(departementOfPostalCode('97400'), '974');
    assert.equal(departementOfPostalCode('20100'), '2A');
    assert.equal(departementOfPostalCode('20200'), '2B');
    assert.equal(departementOfPostalCode('00000'), undefined);
  });
});

describe('understand(): move and cancel are separate intents', () => {
  for (const text of [
    'deplacer mon rdv',
    'je voudrais déplacer mon rendez-vous',
    "changer l'heure de mon rdv",
    'déplacer ma séance',
    'reporter mon rendez-vous',
    'décaler mon rendez-vous',
  ]) {
    it(`« ${text} » → move_booking, not cancel_booking`, () => {
      assert.equal(read(text).intent, 'move_booking');
    });
  }
  for (const text of ['annuler', 'ANNULER', 'annule']) {
    it(`« ${text} » → cancel_booking, and the command « cancel »`, () => {
      const result = read(text);
      assert.equal(result.intent, 'cancel_booking');
      assert.equal(result.command, 'cancel');
    });
  }
});

describe('understand(): dates, read from the context clock (Wednesday 2 December 2026)', () => {
  const when = (text: string, context: Partial<UnderstandContext> = {}) => read(text, context).entities.when;

  it('« le 15 » → the 15th of this month; « le 1er » → the 1st of next month (this one is past)', () => {
    assert.equal(day(when('le 15')?.start), '2026-12-15');
    assert.equal(day(when('le 1er')?.start), '2027-01-01');
  });

  it('« mardi 15 » → Tuesday 15 December, not Tuesday the 8th', () => {
    assert.equal(day(when('mardi 15')?.start), '2026-12-15');
  });

  it('« en janvier » → the whole of January, not the Jour de l’an', () => {
    const january = when('en janvier');
    assert.equal(january?.grain, 'month');
    assert.deepEqual([day(january?.start), day(january?.end)], ['2027-01-01', '2027-02-01']);
  });

  it('« le 5 janvier » → that date', () => {
    assert.deepEqual([when('le 5 janvier')?.grain, day(when('le 5 janvier')?.start)], ['day', '2027-01-05']);
  });

  it('« jeudi aprem », « après-midi », « matin », « soir » → a part of the day that filters', () => {
    const thursday = when('jeudi aprem');
    assert.equal(thursday?.partOfDay, 'afternoon');
    assert.equal(thursday?.start, '2026-12-03T12:00:00+01:00');
    assert.equal(thursday?.end, '2026-12-03T18:00:00+01:00');
    assert.equal(when('après-midi')?.partOfDay, 'afternoon');
    assert.equal(when('matin')?.partOfDay, 'morning');
    assert.equal(when('soir')?.partOfDay, 'evening');
    assert.equal(when('lundi matin')?.partOfDay, 'morning');
    assert.equal(day(when('lundi matin')?.start), '2026-12-07');
  });

  it('« hier matin » → yesterday morning, flagged past: never today', () => {
    const yesterday = when('hier matin');
    assert.equal(day(yesterday?.start), '2026-12-01');
    assert.equal(yesterday?.past, true);
  });

  it('« rendez-vous le 12/01 » → 12 January; « à 14:30 » → today at 14:30', () => {
    assert.equal(day(when('rendez-vous le 12/01')?.start), '2027-01-12');
    assert.equal(when('à 14:30')?.start, '2026-12-02T14:30:00+01:00');
  });

  it('« dans 15 jours » → 17 December; « demain 10h » → tomorrow at 10:00', () => {
    assert.equal(day(when('dans 15 jours')?.start), '2026-12-17');
    assert.deepEqual([when('demain 10h')?.grain, when('demain 10h')?.start], ['instant', '2026-12-03T10:00:00+01:00']);
  });

  it('« dans quinze jours », « dans vingt et un jours », « dans trois semaines »: a number in words counts as in digits', () => {
    assert.equal(day(when('dans quinze jours')?.start), '2026-12-17');
    assert.equal(day(when('dans vingt et un jours')?.start), '2026-12-23');
    assert.equal(day(when('dans trois semaines')?.start), '2026-12-23');
  });

  it('« un autre jour » → any day but the one proposed', () => {
    const other = when('un autre jour', { proposedDay: '2026-12-03' });
    assert.equal(other?.otherDay, true);
    assert.equal(other?.excludedDay, '2026-12-03');
  });

  it('« plutôt l’aprem » with no day → afternoons from now on, not only this one', () => {
    const afternoons = when('plutot l aprem', { bookableUntil: '2026-12-30T00:00:00+01:00' });
    assert.deepEqual([afternoons?.partOfDay, afternoons?.anyDay, afternoons?.end], ['afternoon', true, '2026-12-30T00:00:00+01:00']);
  });

  it('« jedi aprs midi », « mecredi matin », « samdi » → the weekday typed one letter wrong; « mon mari » is no Tuesday', () => {
    assert.deepEqual([day(when('jedi aprs midi')?.start), when('jedi aprs midi')?.partOfDay], ['2026-12-03', 'afternoon']);
    assert.equal(day(when('mecredi matin')?.start), '2026-12-02');
    assert.equal(day(when('samdi')?.start), '2026-12-05');
    assert.equal(when('mon mari'), undefined);
  });

  it('« jeudi apres-midi » is the afternoon, never Thursday noon', () => {
    assert.equal(when('jeudi aprs midi')?.grain, 'range');
    assert.equal(when('jeudi a midi')?.grain, 'instant');
  });

  it('« pas mercredi » → any day but that Wednesday (said, not the one proposed)', () => {
    const notWednesday = when('pas mercredi', { proposedDay: '2026-12-04' });
    assert.deepEqual([notWednesday?.otherDay, notWednesday?.excludedDay, notWednesday?.excludedBy], [true, '2026-12-02', 'said']);
    assert.equal(when('un autre jour', { proposedDay: '2026-12-04' })?.excludedBy, 'proposed');
  });

  it('what is said against is every such day (« pas le lundi », « sauf le mercredi », « jamais le vendredi »), one date (« pas lundi prochain », « pas le 15 »), or a part of the day (« pas le matin »)', () => {
    assert.deepEqual(when('pas le lundi')?.excludes, [{ weekday: 1 }]);
    assert.deepEqual(when('sauf le mercredi')?.excludes, [{ weekday: 3 }]);
    assert.deepEqual(when('jamais le vendredi')?.excludes, [{ weekday: 5 }]);
    assert.deepEqual(when('le lundi c est pas possible')?.excludes, [{ weekday: 1 }]);
    assert.deepEqual(when('ni lundi ni mardi')?.excludes, [{ weekday: 1 }, { weekday: 2 }]);
    assert.deepEqual(when('pas lundi prochain')?.excludes, [{ day: '2026-12-07' }]);
    assert.deepEqual(when('pas le 15')?.excludes, [{ day: '2026-12-15' }]);
    assert.deepEqual(when('pas le matin')?.excludes, [{ part: 'morning' }]);
    assert.equal(when('pas le matin')?.partOfDay, undefined);
    // Beside a moment asked, that moment is read without them.
    const thursday = when('jeudi mais pas le matin');
    assert.deepEqual([day(thursday?.start), thursday?.excludes], ['2026-12-03', [{ part: 'morning' }]]);
    // For, not against.
    assert.equal(when('pourquoi pas lundi')?.excludes, undefined);
    assert.equal(when('lundi pas de souci')?.excludes, undefined);
    assert.equal(when('finalement lundi ca va')?.excludes, undefined);
  });

  it('« après le 20 » → from the 21st on; « à partir du 15 » from the 15th; « la semaine du 14 » → that Monday to Sunday; « ce week-end » → Saturday and Sunday', () => {
    assert.deepEqual([day(when('apres le 20')?.start), when('apres le 20')?.fromDay], ['2026-12-21', true]);
    assert.equal(day(when('a partir du 15')?.start), '2026-12-15');
    assert.deepEqual([day(when('la semaine du 14')?.start), day(when('la semaine du 14')?.end)], ['2026-12-14', '2026-12-21']);
    assert.deepEqual([day(when('ce week-end')?.start), day(when('ce week-end')?.end)], ['2026-12-05', '2026-12-07']);
  });

  it('« après Noël » → from 26 December; « après les fêtes », « après le jour de l an » → from 2 January; « à Noël » → 25 December', () => {
    assert.deepEqual([day(when('un rdv apres noel stp')?.start), when('un rdv apres noel stp')?.fromDay], ['2026-12-26', true]);
    assert.equal(day(when('après les fêtes')?.start), '2027-01-02');
    assert.equal(day(when("apres le jour de l'an")?.start), '2027-01-02');
    assert.deepEqual([day(when('à Noël')?.start), when('à Noël')?.grain], ['2026-12-25', 'day']);
  });

  it('« pas le vendredi … mardi matin c bien » is Tuesday morning; « le 31 fevrier » is no day; « la semaine prochainne » is next week', () => {
    const tuesday = when('pas le vendredi c le marche. mardi matin c bien');
    assert.deepEqual([day(tuesday?.start), tuesday?.partOfDay, tuesday?.otherDay], ['2026-12-08', 'morning', undefined]);
    assert.equal(when('reserver le 31 fevrier'), undefined);
    assert.deepEqual(
      [day(when('la semaine prochainne le matin')?.start), when('la semaine prochainne le matin')?.partOfDay],
      ['2026-12-07', 'morning'],
    );
  });

  it('reads a time alone as the day of the sessions listed, when they are all on one day', () => {
    assert.equal(when('16h', { listedDay: '2026-12-10' })?.start, '2026-12-10T16:00:00+01:00');
    assert.equal(when('16h')?.start, '2026-12-02T16:00:00+01:00');
    assert.equal(when('vendredi 16h', { listedDay: '2026-12-10' })?.start, '2026-12-04T16:00:00+01:00');
  });

  it('flags a moment beyond the booking horizon', () => {
    assert.equal(when('en mars', { bookableUntil: '2027-02-01T00:00:00+01:00' })?.beyondHorizon, true);
    assert.equal(when('le 15', { bookableUntil: '2027-02-01T00:00:00+01:00' })?.beyondHorizon, undefined);
  });

  it('takes « le 5 janvier » as a date, not also as the number 5', () => {
    assert.equal(read('le 5 janvier').entities.number, undefined);
  });
});

describe('understand(): birth dates, « je ne sais pas », goodbye', () => {
  for (const text of ['120458', '12/04/1958', '12 avril 58']) {
    it(`« ${text} » → born 12 April 1958`, () => {
      assert.equal(read(text, { expecting: 'birthDate' }).entities.birthDate, '1958-04-12');
    });
  }

  for (const text of ['je sais plus', 'je sais pas', 'je ne sais pas']) {
    it(`« ${text} » → « don't know », never no nor goodbye`, () => {
      const result = read(text, { expecting: 'birthDate' });
      assert.equal(result.entities.dontKnow, true);
      assert.equal(result.entities.yesNo, undefined);
      assert.equal(result.entities.goodbye, undefined);
      assert.notEqual(result.intent, 'bye');
    });
  }

  it('« je sais pas » picks the option « 3. Je ne sais pas »', () => {
    assert.equal(read('je sais pas', { choices: ['Oui', 'Non', 'Je ne sais pas'] }).entities.option?.index, 2);
  });

  for (const text of ['au revoir', "c'est bon merci", 'merci au revoir']) {
    it(`« ${text} » is a goodbye`, () => {
      assert.equal(read(text).entities.goodbye, true);
    });
  }

  for (const text of ['ok', 'lundi matin', 'dans 15 jours', 'a coté de Die']) {
    it(`« ${text} » is no goodbye`, () => {
      const result = read(text);
      assert.equal(result.entities.goodbye, undefined);
      assert.notEqual(result.intent, 'bye');
    });
  }

  for (const text of ['non je prefere continuer', 'non on continue', 'non continuons', 'non je continue', 'on poursuit']) {
    it(`« ${text} » goes on with the question under way: no « non » is read`, () => {
      const { entities } = read(text, { expecting: 'yesNo', choices: ['Oui', 'Un peu', 'Non'] });
      assert.equal(entities.carryOn, true);
      assert.equal(entities.yesNo, undefined);
    });
  }

  for (const text of ['je ne veux pas continuer', 'non', 'je veux plus continuer']) {
    it(`« ${text} » is no wish to go on`, () => {
      assert.equal(read(text, { expecting: 'yesNo' }).entities.carryOn, undefined);
    });
  }

  it('« ok » is yes', () => {
    assert.equal(read('ok').entities.yesNo, true);
  });

  it('« j’ai pas de carnet » says there is no carnet', () => {
    assert.equal(read("j'ai pas de carnet").entities.noVoucherBook, true);
  });

  it('« j ai perdu mon carnet » says it with no question asked; « perdu », « je suis perdu » only at the carnet question', () => {
    assert.equal(saysNoVoucherBook('jai perdu mon carnet comment je fais'), true);
    assert.equal(saysNoVoucherBook('pas de chequier'), true);
    assert.equal(saysNoVoucherBook('je suis perdu'), false);
    assert.equal(saysNoVoucherBook("je l'ai perdu"), false);
  });

  for (const text of [
    'il est à la ferme',
    'pas sous la main',
    "je l'ai pas sur moi",
    'mon carnet il est à la maison',
    "j'ai pas mon carnet",
  ]) {
    it(`« ${text} » at the carnet question: a carnet the person has, not here, and no « non »`, () => {
      const { entities } = read(text, { expecting: 'voucherBookNumber' });
      assert.equal(entities.notAtHand, true);
      assert.equal(entities.yesNo, undefined);
    });
  }

  it('« pas de carnet » is having none, and « à la maison » at another question says nothing of a carnet', () => {
    assert.equal(read("j'ai pas de carnet", { expecting: 'voucherBookNumber' }).entities.notAtHand, undefined);
    assert.equal(read('je suis à la maison', { expecting: 'commune' }).entities.notAtHand, undefined);
  });

  for (const text of ['LOZ-MEND-E4', 'loz mend e4', 'mon numero c est LOZ-MEND-E4']) {
    it(`« ${text} », Martine's LOZ-MEND-E4L a character short, is a carnet tried, never the commune « MEND » (Mende)`, () => {
      for (const expecting of [undefined, 'voucherBookNumber', 'commune'] as const) {
        const { entities } = read(text, expecting ? { expecting } : {});
        assert.equal(entities.voucherBookMistake, 'incomplete', `${text} (${expecting ?? 'menu'})`);
        assert.equal(entities.commune, undefined, `${text} (${expecting ?? 'menu'})`);
      }
    });
  }
});

describe('understand(): what people ask for', () => {
  for (const text of [
    "et si j'habitais à Crest ?",
    'si je demenage dans la drome j y ai droit',
    "et si j'étais à Mende, ce serait pareil ?",
  ]) {
    it(`« ${text} » asks for the eligibility of that place, whatever the model reads`, () => {
      assert.equal(read(text, { expecting: 'birthDate' }).newRequest, 'eligibility');
    });
  }

  it('« j habite à Crest » says where, it asks nothing', () => {
    assert.notEqual(read("j'habite à Crest").newRequest, 'eligibility');
  });

  it('a command never counts as an answer: « trouver un lieu » at a yes/no question is not « oui »', () => {
    const result = read('trouver un lieu', { expecting: 'yesNo' });
    assert.equal(result.entities.yesNo, undefined);
    assert.equal(result.newRequest, 'find_place');
  });

  it('« je suis agriculteur dans la drome » → eligibility, with the situation « farmer »', () => {
    const result = read('je suis agriculteur dans la drome');
    assert.equal(result.intent, 'eligibility');
    assert.deepEqual(result.entities.situations, ['farmer']);
    assert.equal(result.entities.departement?.code, '26');
  });

  it('« je suis demandeur d’emploi, c’est pour moi ? » → eligibility, job seeker', () => {
    const result = read("je suis demandeur d'emploi, c'est pour moi ?");
    assert.equal(result.intent, 'eligibility');
    assert.deepEqual(result.entities.situations, ['job_seeker']);
  });

  it('« je vois l’assistante sociale », « suivie par un travailleur social » → followed by a social worker; « je suis assistante sociale » is a job, not that', () => {
    for (const said of [
      "je vois l'assistante sociale",
      'je suis suivie par une assistante sociale a Crest',
      'mon educatrice m a parle du pass',
    ])
      assert.deepEqual(read(said).entities.situations, ['social_worker'], said);
    for (const said of [
      'je suis assistante sociale au CMS de Valence',
      'bonjour, je suis un travailleur social',
      'en tant que travailleur social je veux prescrire',
    ])
      assert.equal(read(said).entities.situations, undefined, said);
  });

  it('« je ne connais pas ce dispositif, vous pouvez m’expliquer ? » → about (an explanation), not « don’t know »', () => {
    const result = read("je ne connais pas ce dispositif, vous pouvez m'expliquer ?");
    assert.equal(result.intent, 'about');
    assert.equal(result.entities.dontKnow, undefined);
  });

  it('« qui a vu mes infos » → the access log, not erasure', () => {
    assert.equal(read('qui a vu mes infos').intent, 'access_log');
    assert.equal(read('supprimer mes données').intent, 'privacy');
  });

  it('« je suis travailleuse sociale au CMS de Valence » → professional access, also for an unregistered Teams user', () => {
    assert.equal(read('je suis travailleuse sociale au CMS de Valence').intent, 'pro_access');
    assert.equal(looksLikeProRequest('je suis travailleuse sociale au CMS de Valence'), true);
    assert.equal(looksLikeProRequest('je voudrais réserver une séance'), false);
    assert.equal(looksLikeProRequest('bonjour'), false);
  });

  it('« je suis suivie par une assistante sociale » on Teams is a beneficiary, not a professional asking for access', () => {
    assert.equal(looksLikeProRequest('je suis suivie par une assistante sociale'), false);
    assert.equal(looksLikeProRequest("mon assistante sociale m'a parlé du pass"), false);
    assert.equal(looksLikeProRequest('prescrire un carnet pour une personne que suit mon assistante sociale'), true);
  });

  it('« je voudrais un rendez-vous à Florac jeudi après-midi » fills place and moment at once', () => {
    const result = read('je voudrais un rendez-vous à Florac jeudi après-midi');
    assert.equal(result.intent, 'book');
    assert.equal(result.entities.commune?.name, 'Florac Trois Rivières');
    assert.equal(result.entities.commune?.near, false);
    assert.deepEqual([result.entities.when?.start, result.entities.when?.partOfDay], ['2026-12-03T12:00:00+01:00', 'afternoon']);
  });

  it('a date alone is an answer, not a new request: « jeudi 10h », « la semaine prochaine »', () => {
    for (const text of ['jeudi 10h', 'la semaine prochaine', 'mardi prochain à 14h30']) {
      const result = read(text, { expecting: 'when' });
      assert.equal(result.newRequest, undefined, text);
      assert.ok(result.entities.when, text);
    }
  });
});

describe('understand(): themes of the programme’s own catalogue', () => {
  const themeOf = (text: string, programmeId: string) => read(text, { programmeId }).entities.theme?.id;

  it('matches labels and synonyms, typos forgiven', () => {
    assert.equal(themeOf('je voudrais aprendre a faire ma declaration PAC', 'drome'), 'demarches-agricoles');
    assert.equal(themeOf('declaration PAC / MSA', 'drome'), 'demarches-agricoles');
    assert.equal(themeOf('Déclarer ses impôts en ligne', 'drome'), 'impots-en-ligne');
    assert.equal(themeOf('mes impots en ligne', 'drome'), 'impots-en-ligne');
    assert.equal(themeOf('internet et mail', 'lozere'), 'competences-de-base');
  });

  it('reads a Lozère parcours by its plain label (shown) and by its official name (trainers, leaflets) alike', () => {
    const lozere = [
      ['competences-de-base', ['Les bases : ordinateur, téléphone, mails', 'Compétences de base', 'competences de base', 'les bases']],
      ['acces-aux-droits', ['Démarches en ligne : CAF, Ameli, retraite', 'Accès aux droits', 'acces aux droits', 'mes demarches en ligne']],
      [
        'insertion-professionnelle',
        ['Chercher un emploi, faire un CV', 'Insertion professionnelle', 'insertion pro', 'chercher un emploi'],
      ],
      ['aide-a-la-parentalite', ['Aider ses enfants : école, écrans', 'Aide à la parentalité', 'parentalite', 'aider mes enfants']],
    ] as const;
    for (const [id, texts] of lozere) for (const text of texts) assert.equal(themeOf(text, 'lozere'), id, text);
  });

  it('while the programme is unknown, takes the best of the served catalogues and says which', () => {
    const theme = read('declaration PAC').entities.theme;
    assert.deepEqual([theme?.id, theme?.programmeId], ['demarches-agricoles', 'drome']);
  });

  it('finds no theme in a sentence about something else', () => {
    assert.equal(themeOf('je voudrais un rendez-vous jeudi', 'drome'), undefined);
  });

  it('takes what is done with a booking for no subject: « la déplacer » is no typo of « déclarer » (impôts)', () => {
    assert.equal(themeOf('je voudrais la deplacer', 'drome'), undefined);
    assert.equal(themeOf('je veux l annuler', 'drome'), undefined);
  });
});

describe('an age said in passing', () => {
  it('reads « j ai 68 ans », « a 70 ans », never a duration', () => {
    assert.equal(ageIn("jhabite a marvejol et j'ai 70 ans"), 70);
    assert.equal(ageIn('ma mere a 92 ans'), 92);
    assert.equal(ageIn('je suis a la retraite depuis 3 ans'), undefined);
    assert.equal(ageIn('le 15 a 14h'), undefined);
  });

  it('reads « 45ans », « g 70 ans » and a bound: « moins de 18 ans » is under 18, not 18', () => {
    assert.equal(ageIn('45ans'), 45);
    assert.equal(ageIn('g 70 ans'), 70);
    assert.equal(ageIn('jai moins de 18 ans'), 17);
    assert.equal(ageIn('pas encore 18 ans'), 17);
    assert.equal(ageIn('plus de 60 ans'), 61);
  });
});

describe('a number at « Avez-vous 18 ans ou plus ? »', () => {
  it('is the age: « 70 », « j ai 82 », « 17 »', () => {
    assert.equal(ageAnswer('70', NOW), 70);
    assert.equal(ageAnswer('j ai 82', NOW), 82);
    assert.equal(ageAnswer('17', NOW), 17);
  });

  it('is the age from a year or a date of birth: « 1949 », « 12/04/1958 »', () => {
    assert.equal(ageAnswer('1949', NOW), 77);
    assert.equal(ageAnswer('12/04/1958', NOW), 68);
  });

  it('is none when implausible: « 3 », « 250 »', () => {
    assert.equal(ageAnswer('3', NOW), undefined);
    assert.equal(ageAnswer('250', NOW), undefined);
  });
});

describe('what the pass is, asked in SMS words', () => {
  it('is the about intent: « jveux des infos sur le pass », « c est pour qui », « c koi le pass numerique »', () => {
    for (const text of [
      'jveux des infos sur le pass',
      'c est pour qui',
      'c koi le pass numerique',
      'des renseignements sur le cheque numerique svp',
    ])
      assert.equal(read(text).intent, 'about', text);
  });

  it('is not one’s own carnet nor the eligibility: « c est quoi mon numero de carnet », « des infos pour avoir le pass »', () => {
    for (const text of ["c'est quoi mon numero de carnet", 'je voudrais des infos pour avoir le pass', 'est ce que j y ai droit au pass'])
      assert.notEqual(read(text).intent, 'about', text);
  });
});
