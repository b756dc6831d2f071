import assert from 'node:assert/strict';
import { communes } from '../../src/data/communes';
import { loadProgrammes } from '../../src/data/programmes';
import { placeOfStructure } from '../../src/domain/structurePlace';
import type { Place } from '../../src/domain/types';
import { french } from '../../src/i18n';
import { seedDemo } from '../../src/services/demoSeed';
import { HumanContacts, publishedPhone } from '../../src/services/humanContacts';
import { PlaceSearch } from '../../src/services/placeSearch';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { humanContactsText } from '../../dialogs/humanContacts';
import { coordinationContact } from '../../dialogs/pro/proFormat';

const t = french();
const programmes = loadProgrammes(['lozere', 'drome']);
const [lozere, drome] = programmes;
const NOW = new Date('2026-12-02T10:00:00+01:00');
/** A French phone number as the bot writes it (the helpline's 01 70 772 372 is not one of these). */
const LOCAL_PHONE = /0[1-9](\s?\d\d){4}/;

function place(overrides: Partial<Place>): Place {
  return {
    id: 'p1',
    name: 'France services de Mende',
    address: 'Rue du Faubourg Montbel',
    postalCode: '48000',
    commune: 'Mende',
    latitude: 44.52,
    longitude: 3.49,
    services: [],
    source: 'france-services-2024-08',
    programmes: [],
    ...overrides,
  };
}

describe('the human contacts a person is given', () => {
  let stores: Stores;
  let contacts: HumanContacts;
  before(async () => {
    stores = await openStores({ inMemory: true });
    await seedDemo(stores, { programmes, now: NOW });
    contacts = new HumanContacts(new PlaceSearch(stores, communes()));
  });
  after(async () => stores.close());

  const textFor = async (...args: Parameters<HumanContacts['forPerson']>) =>
    humanContactsText(await contacts.forPerson(...args), t, args[0].programme, NOW);

  it('finds the structure of a carnet among the places, whatever the case of the published name', () => {
    const places = [place({ id: 'a', name: 'ESPACE SOCIAL ET CULTUREL DU DIOIS', phone: '04 75 22 20 45' }), place({ id: 'b' })];
    assert.equal(placeOfStructure(places, 'Espace social et culturel du Diois')?.id, 'a');
    assert.equal(placeOfStructure(places, 'Centre social de Crest'), undefined);
  });

  it('prefers the record of a structure that has a phone', () => {
    const places = [place({ id: 'no-phone' }), place({ id: 'phone', phone: '04 66 49 67 13' })];
    assert.equal(placeOfStructure(places, 'France services de Mende')?.id, 'phone');
  });

  it('gives the structure that gave the carnet with its phone, and no other place that gives carnets', async () => {
    const text = await textFor({
      programme: lozere,
      known: { structure: 'France services de Mende', structurePlace: place({ phone: '04 66 49 67 13' }) },
    });
    assert.match(text, /- France services de Mende, qui vous a remis votre carnet : 04 66 49 67 13/);
    assert.doesNotMatch(text, /qui remet le carnet/);
  });

  it('gives the address and usual hours of a place that publishes no phone', async () => {
    const text = await textFor({ programme: lozere, known: { lastPlace: place({ name: 'Médiathèque', openingHours: 'Tu 09:00-12:00' }) } });
    assert.match(text, /- Médiathèque, le lieu de votre dernière séance : Rue du Faubourg Montbel, 48000 Mende \(mar\. 9 h-12 h\)/);
  });

  it("says « votre dernière séance » only of a session held: of one to come, « où vous avez rendez-vous »; of one cancelled, that it was booked (a stranger's, issue 14)", async () => {
    const lastPlace = place({ name: 'Médiathèque', phone: '04 66 42 61 47' });
    const line = (start: string, status: 'confirmed' | 'cancelled' | 'attended') =>
      textFor({ programme: lozere, known: { lastPlace, lastSession: { start: new Date(start), status } } });
    assert.match(await line('2026-12-04T09:00:00+01:00', 'confirmed'), /- Médiathèque, où vous avez rendez-vous : 04 66 42 61 47/);
    assert.match(await line('2026-11-25T09:00:00+01:00', 'attended'), /- Médiathèque, le lieu de votre dernière séance : 04 66 42 61 47/);
    assert.match(await line('2026-12-04T09:00:00+01:00', 'cancelled'), /- Médiathèque, où vous aviez réservé une séance : 04 66 42 61 47/);
    const same = place({ phone: '04 66 49 67 13' });
    const gave = await textFor({
      programme: lozere,
      known: {
        lastPlace: same,
        lastSession: { start: new Date('2026-12-04T09:00:00+01:00'), status: 'confirmed' },
        structure: same.name,
        structurePlace: same,
      },
    });
    assert.match(gave, /- France services de Mende, qui vous a remis votre carnet et où vous avez rendez-vous : 04 66 49 67 13/);
    assert.doesNotMatch(gave, /dernière/);
  });

  it("gives, for places without a phone, the first of the person's contacts that answers one (a stranger's « Pas de téléphone indiqué », issue 14)", async () => {
    const noPhone = place({ id: 'no-phone', name: 'Médiathèque' });
    const issuer = place({ id: 'issuer', phone: '04 66 49 67 13' });
    const first = await contacts.toCall({
      programme: lozere,
      known: { lastPlace: noPhone, structure: issuer.name, structurePlace: issuer },
    });
    assert.deepEqual([first.kind, first.kind === 'issuer' && first.place.phone], ['issuer', '04 66 49 67 13']);
    assert.equal((await contacts.toCall({})).kind, 'helpline');
  });

  it('says once that the last place also gave the carnet', async () => {
    const same = place({ phone: '04 66 49 67 13' });
    const text = await textFor({ programme: lozere, known: { lastPlace: same, structure: same.name, structurePlace: same } });
    assert.equal(text.match(/04 66 49 67 13/g)?.length, 1);
    assert.match(text, /le lieu de votre dernière séance, qui vous a remis votre carnet/);
  });

  it('never says « la personne qui vous a remis votre carnet » to someone whose carnet we do not know: a place that gives one, with its phone', async () => {
    const text = await textFor({ programme: drome, known: {} });
    assert.doesNotMatch(text, /qui vous a remis/);
    assert.match(text, new RegExp(`- un lieu qui remet le chéquier, par exemple .+ : ${LOCAL_PHONE.source}`));
  });

  it('with the commune where the person lives, the place that gives carnets nearest to it', async () => {
    const die = communes().findByName('Die')[0];
    const text = await textFor({ programme: drome, known: {}, commune: die });
    assert.match(text, /- Espace Social et Culturel du Diois \(Die\), qui remet le chéquier près de chez vous : 04 75 22 20 45/);
  });

  it('a structure named on the carnet that the places data does not know is no contact: a place that gives carnets instead', async () => {
    const text = await textFor({ programme: lozere, known: { structure: 'CMS de Langogne' } });
    assert.doesNotMatch(text, /CMS de Langogne/);
    assert.match(text, /qui remet le carnet/);
  });

  it('never gives the programme contact without its published number, and always ends with the helpline', async () => {
    const lines = (await textFor({ programme: lozere, known: {} })).split('\n');
    assert.ok(!lines.some((line) => line.includes('Conseil départemental de la Lozère')), lines.join('\n'));
    assert.match(lines[lines.length - 1], /Solidarité Numérique, au 01 70 772 372/);
  });

  it('every line but the intro carries a phone, or an address with hours', async () => {
    const die = communes().findByName('Die')[0];
    for (const query of [{ programme: drome }, { programme: lozere }, { programme: drome, commune: die }, {}]) {
      const [, ...lines] = (await textFor(query)).split('\n');
      for (const line of lines) assert.match(line, /\d\d[\s.]?\d\d|\(.*\d+ h.*\)/, line);
    }
  });
});

describe("the coordination's contact given to professionals", () => {
  it("is the Département's switchboard, said to be one, with the website, when no line is published for the pass", () => {
    assert.equal(
      coordinationContact(lozere, t),
      'Lozère : Conseil départemental de la Lozère, standard 04 66 49 66 66 (demandez la coordination du Pass Numérique), https://lozere.fr',
    );
  });

  it('never gives an assumed number: then the website', () => {
    const assumed = {
      ...lozere,
      contact: { ...lozere.contact, switchboard: { value: '04 66 49 66 66', assumed: true, note: 'to confirm' } },
    };
    assert.equal(coordinationContact(assumed, t), 'Lozère : Conseil départemental de la Lozère, https://lozere.fr');
  });

  it('gives a line published for the pass first; the switchboard is no number for the public', () => {
    const published = { ...lozere, contact: { ...lozere.contact, phone: { value: '04 66 00 00 01', assumed: false, note: 'pass line' } } };
    assert.equal(coordinationContact(published, t), 'Lozère : Conseil départemental de la Lozère, 04 66 00 00 01');
    assert.equal(publishedPhone(lozere), undefined);
  });

  it('comes with « orientez la personne vers la coordination » when no training place is near', () => {
    assert.match(
      t('pro:prescribe.no_places', { coordination: coordinationContact(lozere, t) }),
      /coordination du Pass numérique \(Lozère : .+, standard 04 66 49 66 66 .+, https:\/\/lozere\.fr\)/,
    );
  });
});
