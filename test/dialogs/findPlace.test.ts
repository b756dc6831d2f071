import assert from 'node:assert/strict';
import path from 'node:path';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { FindPlaceDialog } from '../../dialogs/FindPlaceDialog';
import { communes } from '../../src/data/communes';
import { projectRoot } from '../../src/data/paths';
import { loadProgrammes } from '../../src/data/programmes';
import { importPlaces } from '../../src/services/placeImport';
import { type DialogFixture, dialogFixture, repliesTo } from './dialogHarness';

describe('FindPlaceDialog', function () {
  // The first call of each language model compiles it (seconds on a loaded machine).
  this.timeout(60_000);
  let fixture: DialogFixture;
  before(async () => {
    fixture = await dialogFixture();
  });
  after(async () => fixture.stores.close());

  it('asks for the commune when the opening sentence names none', async () => {
    const client = fixture.client((deps) => new FindPlaceDialog(deps), 'sms');
    assert.deepEqual(await repliesTo(client, 'un lieu'), ['Dans quelle commune habitez-vous ? Écrivez son nom ou son code postal.']);
  });

  it('answers with the three nearest training places, closest first', async () => {
    const client = fixture.client((deps) => new FindPlaceDialog(deps), 'sms');
    await repliesTo(client, 'un lieu');
    // On SMS a long answer comes as several messages: read them as one.
    const lines = (await repliesTo(client, 'saint chely d apcher')).join('\n').split('\n');
    assert.equal(lines[0], "Les 3 lieux les plus proches de Saint-Chély-d'Apcher :");
    const places = lines.slice(0, lines.indexOf('Et maintenant ?')).filter((l) => l.startsWith('- '));
    assert.equal(places.length, 3);
    const distances = places.map((l) => Number(/à (\d+) km/.exec(l)?.[1] ?? 0));
    assert.deepEqual(
      [...distances].sort((a, b) => a - b),
      distances,
    );
  });

  it('asks which commune when a postal code serves several', async () => {
    const client = fixture.client((deps) => new FindPlaceDialog(deps), 'sms');
    await repliesTo(client, 'un lieu');
    const [question] = await repliesTo(client, '48000');
    assert.match(question, /^Laquelle de ces communes \?\n1\. Mende \(48000\)\n2\. /);
    const [answer] = await repliesTo(client, '1');
    assert.match(answer, /lieux les plus proches de Mende/);
  });

  it('says the pass is not offered in a commune of another département', async () => {
    const client = fixture.client((deps) => new FindPlaceDialog(deps), 'sms');
    await repliesTo(client, 'un lieu');
    const replies = await repliesTo(client, 'Quimper');
    assert.match(replies.join('\n'), /proposé par certains départements seulement/);
  });

  it('gives up kindly after three unknown communes, with a human contact', async () => {
    const client = fixture.client((deps) => new FindPlaceDialog(deps), 'sms');
    await repliesTo(client, 'un lieu');
    await repliesTo(client, 'xyzzy');
    await repliesTo(client, 'plugh');
    const replies = (await repliesTo(client, 'qwerty')).join('\n');
    assert.match(replies, /Je n'arrive pas à trouver votre commune\./);
    assert.match(replies, /01 70 772 372/);
  });

  it('forgives a typo in the commune: « valance » is Valence', async () => {
    const client = fixture.client((deps) => new FindPlaceDialog(deps), 'sms');
    await repliesTo(client, 'un lieu');
    const replies = (await repliesTo(client, 'valance')).join('\n');
    assert.match(replies, /(les plus proches de Valence|1\. Valence \(26000\))/);
  });

  it('filters by the subject the sentence names, and says so', async () => {
    const client = fixture.client((deps) => new FindPlaceDialog(deps), 'sms', { utterance: 'un lieu pour le smartphone à Mende' });
    const replies = (await repliesTo(client, 'un lieu pour le smartphone à Mende')).join('\n');
    assert.match(replies, /lieux les plus proches de Mende pour le smartphone ou la tablette :/);
  });

  it('shows three more places on « voir plus », then where to ask for a pass', async () => {
    const client = fixture.client((deps) => new FindPlaceDialog(deps), 'sms');
    await repliesTo(client, 'un lieu');
    await repliesTo(client, 'Marvejols');
    const more = (await repliesTo(client, 'voir plus')).join('\n');
    assert.match(more, /D'autres lieux près de Marvejols :\n- /);
    const prescribers = (await repliesTo(client, 'où demander un pass')).join('\n');
    assert.match(prescribers, /Pour demander un Pass, les lieux les plus proches de Marvejols :\n- /);
  });

  it('lists the France services of Die once, with its 2024 hours', async () => {
    const client = fixture.client((deps) => new FindPlaceDialog(deps), 'sms');
    await repliesTo(client, 'un lieu');
    const training = (await repliesTo(client, 'Die')).join('\n') + (await repliesTo(client, 'voir plus')).join('\n');
    const prescribers = (await repliesTo(client, 'où demander un pass')).join('\n');
    for (const list of [training, prescribers]) {
      assert.equal(list.match(/Clairette/g)?.length, 1, list);
      assert.match(list, /France services Die, 200 Avenue de la Clairette, 26150 Die, .*Tél\.\s04\s75\s22\s31\s87/);
    }
  });

  describe('on places imported from the national files', () => {
    let imported: DialogFixture;
    let dir: string;
    before(async () => {
      imported = await dialogFixture();
      dir = mkdtempSync(path.join(tmpdir(), 'find-place-'));
      const file = path.join(dir, 'lieux.json');
      copyFileSync(path.join(projectRoot(), 'test', 'fixtures', 'places', 'national', 'data-inclusion-lamednum.json'), file);
      await importPlaces(imported.stores.places, { file, programmes: loadProgrammes(['lozere', 'drome']), communes: communes() });
    });
    after(async () => {
      await imported.stores.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const ask = async (sentence: string) =>
      (
        await repliesTo(
          imported.client((deps) => new FindPlaceDialog(deps), 'sms', { utterance: sentence }),
          sentence,
        )
      ).join('\n');

    it('« un lieu accessible en fauteuil à Valence »: the places that say they support motor handicaps', async () => {
      const replies = await ask('un lieu accessible en fauteuil à Valence');
      assert.match(replies, /^Les 2 lieux les plus proches de Valence \(accueil des personnes en fauteuil roulant\) :$/m);
      assert.match(
        replies,
        /^- 8 Fablab Drome, 10 rue/m,
        'a name starting with a digit is written as it is, with no stray quotes (the line is a bullet, no option)',
      );
      assert.match(
        replies,
        /Médiathèque Publique et Universitaire de Valence.* Rendez-vous en ligne : https:\/\/rdv\.valence\.example\/mediatheque/,
      );
    });

    it('« gratuit pour les seniors à Mende »: only the free place for seniors', async () => {
      const replies = await ask('gratuit pour les seniors à Mende');
      assert.match(replies, /^Le lieu le plus proche de Mende \(pour les seniors et gratuit\) :\n- Espace public numérique de Mende,/m);
    });

    it('says « horaires non communiqués » for a place whose hours could not be read, without « appelez » when it has no phone', async () => {
      const replies = await ask('un lieu gratuit à Valence');
      assert.match(replies, /Centre social du Plan, .*Accueil sur place, horaires non communiqués\./);
    });
  });
});
