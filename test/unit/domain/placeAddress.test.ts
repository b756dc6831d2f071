import assert from 'node:assert/strict';
import { shownAddress } from '../../../src/domain/placeAddress';

describe('shownAddress', () => {
  it('says a phrase typed twice at the start of the address once', () => {
    assert.equal(
      shownAddress({
        name: 'France services multisites de la Vallée Française - Site de Sainte-Croix Vallée Française',
        address: 'Mairie de Sainte-Croix Vallée Française Mairie de Sainte Croix Vallée Française Les Prats',
      }),
      'Mairie de Sainte Croix Vallée Française Les Prats',
    );
  });

  it("drops the place's name from the start of its address", () => {
    assert.equal(shownAddress({ name: 'Médiathèque de Mende', address: 'Médiathèque de Mende, 2 rue de l’Ange' }), '2 rue de l’Ange');
  });

  it('keeps an address that repeats nothing, or that is only the name', () => {
    assert.equal(shownAddress({ name: 'Latelier', address: '2 2 rue Félix Germain' }), '2 2 rue Félix Germain');
    assert.equal(shownAddress({ name: 'Mairie', address: 'Mairie' }), 'Mairie');
    assert.equal(shownAddress({ name: 'France services Die', address: "Place de l'Évêché" }), "Place de l'Évêché");
  });
});
