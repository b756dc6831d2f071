import assert from 'node:assert/strict';
import { atName, ofName, placeName } from '../../src/frenchGrammar';
import { french } from '../../src/i18n';

describe('French prepositions before a name', () => {
  const cases: [string, string, string][] = [
    // name, « de … », « à … »
    ['Mende', 'de Mende', 'à Mende'],
    ['Aouste-sur-Sye', "d'Aouste-sur-Sye", 'à Aouste-sur-Sye'],
    ['Étoile-sur-Rhône', "d'Étoile-sur-Rhône", 'à Étoile-sur-Rhône'],
    ['Les Prés', 'des Prés', 'aux Prés'],
    ['Le Poët-Laval', 'du Poët-Laval', 'au Poët-Laval'],
    ['La Motte-Chalancon', 'de La Motte-Chalancon', 'à La Motte-Chalancon'],
    ["L'Épine", "de L'Épine", "à L'Épine"],
    ['Hauterives', 'de Hauterives', 'à Hauterives'],
    [
      'Espace Social et Culturel du Diois (Die, 1 km)',
      "de l'Espace Social et Culturel du Diois (Die, 1 km)",
      "à l'Espace Social et Culturel du Diois (Die, 1 km)",
    ],
    ['Médiathèque Simone de Beauvoir', 'de la Médiathèque Simone de Beauvoir', 'à la Médiathèque Simone de Beauvoir'],
    ['Centre social Coluche', 'du Centre social Coluche', 'au Centre social Coluche'],
    ['Maison Citoyenne Noel Guichard', 'de la Maison Citoyenne Noel Guichard', 'à la Maison Citoyenne Noel Guichard'],
    ['France services de Mende', 'de France services de Mende', 'à France services de Mende'],
    ['Latelier', 'de Latelier', 'à Latelier'],
  ];
  for (const [name, of, at] of cases) {
    it(`« ${name} » → « ${of} », « ${at} »`, () => {
      assert.equal(ofName(name), of);
      assert.equal(atName(name), at);
    });
  }

  it('names a town hall by its commune, any other place as published', () => {
    assert.equal(placeName('Commune de Mende', 'Mende'), 'Mende');
    assert.equal(placeName('COMMUNE DE DIE', 'Die'), 'Die');
    assert.equal(placeName("Mairie d'Aouste-sur-Sye", 'Aouste-sur-Sye'), 'Aouste-sur-Sye');
    assert.equal(placeName('Médiathèque de Mende', 'Mende'), 'Médiathèque de Mende');
  });

  it('is what the locales write with « {{commune, de}} » and « {{place, a}} »', () => {
    const t = french();
    // A plain name first: the translator's compiled sentences must not keep « de » for the next one.
    assert.equal(t('find_place.results', { count: 3, commune: 'Mende' }), 'Les 3 lieux les plus proches de Mende :');
    assert.equal(t('find_place.results', { count: 3, commune: 'Les Prés' }), 'Les 3 lieux les plus proches des Prés :');
    assert.equal(t('find_place.results', { count: 3, commune: 'Aouste-sur-Sye' }), "Les 3 lieux les plus proches d'Aouste-sur-Sye :");
    assert.equal(t('book.no_slots', { place: 'Mende' }), "Il n'y a plus de séance libre à Mende pour le moment.");
  });
});
