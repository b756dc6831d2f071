/**
 * A synthetic national set of places, the size and the faults of the real
 * one (issue 18), for the import and search benchmark: a data·inclusion
 * export in the LaMednum schema (JSON, 3,811 rows), the Conseillers
 * numériques permanences (nested JSON, 2,733 rows) and the official France
 * services list (its own CSV, 2,900 rows), spread over the communes of
 * France. Seeded: the same files on every run.
 *
 * Faults reproduced in the proportions met: ~9 % duplicated ids (two
 * dates), ~3 % unreadable hours, "08:30-12:00-14:00" slips, « Cedex »
 * postal codes, « COMMUNE (DÉPARTEMENT) », coordinates outside France,
 * rows without a name; and the same place in two files (a France services
 * in the schema export under another name, a permanence with its
 * structure's SIRET at the same address), which search must show once.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { communes } from '../src/data/communes';
import type { Commune } from '../src/domain/communes';
import { seededRng } from '../test/reliability/fuzzCases';

export interface NationalSet {
  lamednum: string;
  conseillers: string;
  franceServices: string;
}

export const NATIONAL_SIZES = { lamednum: 3811, conseillers: 2733, franceServices: 2900 };

const SERVICES = [
  'Aide aux démarches administratives',
  'Maîtrise des outils numériques du quotidien',
  'Insertion professionnelle via le numérique',
  'Utilisation sécurisée du numérique',
  'Accès internet et matériel informatique',
  'Loisirs et créations numériques',
];
const AUDIENCES = ['Seniors', 'Jeunes', 'Familles et/ou enfants', 'Étudiants'];
const SUPPORT = ['Handicaps moteurs', 'Surdité', 'Déficience visuelle', 'Illettrisme'];
const FEES = ['Gratuit', 'Gratuit sous condition', 'Payant'];
const KINDS = ['Médiathèque', 'Espace public numérique', 'Centre social', 'Tiers-lieu', 'Association numérique', 'Mairie'];
const STREETS = [
  'rue de la République',
  'place de la Mairie',
  'avenue Jean Jaurès',
  'rue Victor Hugo',
  'place du Marché',
  'rue de la Gare',
];

class Writer {
  private readonly stream;
  constructor(file: string) {
    this.stream = createWriteStream(file);
  }
  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
  async end(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

interface Site {
  commune: Commune;
  street: string;
  lat: number;
  lng: number;
}

export async function writeNationalSet(dir: string, seed = 18): Promise<NationalSet> {
  const rng = seededRng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)];
  const some = <T>(list: readonly T[], p: number): T[] => list.filter(() => rng() < p);
  const located = [...communes().all()].filter((c) => c.lat !== undefined && c.lng !== undefined && /^\d{5}$/.test(c.postalCodes[0] ?? ''));
  const site = (): Site => {
    const commune = pick(located);
    return {
      commune,
      street: `${1 + Math.floor(rng() * 120)} ${pick(STREETS)}`,
      lat: commune.lat! + (rng() - 0.5) * 0.01,
      lng: commune.lng! + (rng() - 0.5) * 0.01,
    };
  };
  const hours = () => (rng() < 0.5 ? 'Mo-Fr 09:00-12:00,14:00-17:00' : 'Tu,Th 09:00-12:00; Sa 09:00-12:00');
  const set: NationalSet = {
    lamednum: path.join(dir, 'data-inclusion-lamednum.json'),
    conseillers: path.join(dir, 'conseillers-numeriques-permanences.json'),
    franceServices: path.join(dir, 'liste-structures-france-services.csv'),
  };

  // France services: day by day, « 09:00 - 12:00 / 13:30 - 17:00 ».
  const franceServices: Site[] = [];
  const fs = new Writer(set.franceServices);
  await fs.write(
    'id_fs,insee_dep,lib_fs,adresse,complement_adresse,insee_com,code_postal,lib_com,latitude,longitude,mail,telephone,h_lundi,h_mardi,h_mercredi,h_jeudi,h_vendredi,h_samedi,prise_rdv,itinerance,type\n',
  );
  for (let i = 0; i < NATIONAL_SIZES.franceServices; i += 1) {
    const s = site();
    franceServices.push(s);
    const day = () => (rng() < 0.2 ? 'Fermé' : rng() < 0.5 ? '09:00 - 12:00' : '09:00 - 12:00 / 13:30 - 17:00');
    const days = Array.from({ length: 6 }, (_, d) => (d === 0 && rng() < 0.03 ? 'Sur rendez-vous' : d === 5 ? 'Fermé' : day()));
    const cells = [
      String(1000 + i),
      s.commune.departement,
      `France services ${s.commune.name}`,
      s.street,
      '',
      s.commune.insee,
      s.commune.postalCodes[0],
      s.commune.name,
      s.lat.toFixed(6),
      s.lng.toFixed(6),
      `fs${i}@france-services.gouv.fr`,
      `04 ${String(10_000_000 + i)
        .slice(0, 8)
        .replace(/(\d{2})(?=\d)/g, '$1 ')}`,
      ...days,
      rng() < 0.3 ? `https://rdv.france-services.example/${i}` : '',
      'non',
      'Siège',
    ];
    await fs.write(`${cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')}\n`);
  }
  await fs.end();

  // data·inclusion export in the LaMednum schema (flat JSON).
  const lamednumSites: { site: Site; siret: string }[] = [];
  const di = new Writer(set.lamednum);
  await di.write('[\n');
  let first = true;
  const emit = async (writer: Writer, item: object) => {
    await writer.write(`${first ? '' : ',\n'}${JSON.stringify(item)}`);
    first = false;
  };
  for (let i = 0; lamednumSites.length < NATIONAL_SIZES.lamednum; i += 1) {
    const twin = rng() < 0.2 ? pick(franceServices) : undefined;
    const s = twin ? { ...twin, lat: twin.lat + 0.000003 } : site();
    const siret = String(21_000_000_000_000 + i).padStart(14, '0');
    const record = {
      id: `di-${i}`,
      pivot: rng() < 0.5 ? siret : '00000000000000',
      nom: twin ? `Espace France Services de ${s.commune.name}` : rng() < 0.001 ? '' : `${pick(KINDS)} de ${s.commune.name}`,
      adresse: s.street,
      code_postal: s.commune.postalCodes[0],
      commune: s.commune.name,
      code_insee: s.commune.insee,
      latitude: Number(s.lat.toFixed(6)),
      longitude: Number(s.lng.toFixed(6)),
      telephone: rng() < 0.6 ? `04 66 ${String(i % 100).padStart(2, '0')} 00 00` : '',
      horaires: rng() < 0.03 ? 'Lundi et jeudi matin' : hours(),
      services: some(SERVICES, 0.4).join('|'),
      publics_specifiquement_adresses: some(AUDIENCES, 0.2).join('|'),
      prise_en_charge_specifique: some(SUPPORT, 0.15).join('|'),
      frais_a_charge: pick(FEES),
      prise_rdv: rng() < 0.1 ? `https://rdv.example/${i}` : '',
      date_maj: '2024-03-01',
      source: 'data-inclusion-2024-05',
    };
    lamednumSites.push({ site: s, siret: record.pivot });
    await emit(di, record);
    if (rng() < 0.09) {
      await emit(di, { ...record, date_maj: '2023-06-01', horaires: hours() }); // the older copy of one id
      lamednumSites.push({ site: s, siret: record.pivot });
    }
  }
  await di.write('\n]\n');
  await di.end();

  // Conseillers numériques permanences (nested JSON, 2022).
  const cn = new Writer(set.conseillers);
  await cn.write('[\n');
  first = true;
  for (let i = 0; i < NATIONAL_SIZES.conseillers; i += 1) {
    const structure = rng() < 0.1 ? pick(lamednumSites.filter((l) => l.siret !== '00000000000000')) : undefined;
    const s = structure?.site ?? site();
    const slip = rng();
    await emit(cn, {
      id: `cnfs-perm-${i}`,
      pivot: structure?.siret ?? '00000000000000',
      nom: `Permanence numérique ${s.commune.name} ${i}`,
      adresse: {
        voie: s.street,
        code_postal: slip < 0.001 ? `${s.commune.postalCodes[0]} CEDEX` : s.commune.postalCodes[0],
        commune: slip > 0.999 ? `${s.commune.name.toUpperCase()} (${s.commune.departement})` : s.commune.name,
      },
      localisation: { latitude: slip > 0.995 && slip <= 0.999 ? 95 : Number(s.lat.toFixed(6)), longitude: Number(s.lng.toFixed(6)) },
      horaires: rng() < 0.014 ? 'Tu-Fr 08:30-12:00,14:00-17:30; Mo 08:30-12:00-14:00' : hours(),
      services: some(SERVICES, 0.3),
      date_maj: '2022-09-01T00:00:00.000Z',
      source: 'conseiller-numerique-2022-09',
    });
  }
  await cn.write('\n]\n');
  await cn.end();
  return set;
}
