import assert from 'node:assert/strict';
import { recognizeChoice } from '../../src/nlu/choiceRecognizer';

const SLOT_CHOICES = [
  'jeudi 26 novembre à 9h00',
  'vendredi 27 novembre à 10h00',
  'lundi 30 novembre à 14h00',
  'Voir d’autres dates',
  'Un autre lieu',
];
const index = (text: string, choices: string[] = SLOT_CHOICES) => recognizeChoice(text, choices)?.index;

describe('choice recognizer', () => {
  it('reads the option number typed as digits, with or without « le », « numéro », « n° » or punctuation', () => {
    assert.equal(index('2'), 1);
    assert.equal(index('02'), 1);
    assert.equal(index('Le 3'), 2);
    assert.equal(index('numéro 4'), 3);
    assert.equal(index('n°5'), 4);
    assert.equal(index('2.'), 1);
    assert.equal(index('3 svp'), 2);
  });

  it('reads a short answer with a letter typed twice: « ouii », « nonn » (never « pas » for « Pass » in a sentence)', () => {
    const yesNo = [
      { value: 'Oui, annuler', synonyms: ['oui'] },
      { value: 'Non, la garder', synonyms: ['non'] },
    ];
    assert.equal(recognizeChoice('ouii', yesNo)?.index, 0);
    assert.equal(recognizeChoice('Ouiii !', yesNo)?.index, 0);
    assert.equal(recognizeChoice('nonn', yesNo)?.index, 1);
    const menu = ['Le Pass numérique', 'Trouver un lieu'];
    assert.equal(recognizeChoice('je sais pas trop, cest difficile', menu), undefined);
    assert.equal(recognizeChoice('le pass', menu)?.index, 0);
  });

  it('reads ordinals, in words or digits: « le deuxième », « 3e », « 1er », « la première »', () => {
    assert.equal(index('le deuxième'), 1);
    assert.equal(index('3e'), 2);
    assert.equal(index('3ème'), 2);
    assert.equal(index('1er'), 0);
    assert.equal(index('la première'), 0);
  });

  it('reads a number word given alone: « deux », « le trois »', () => {
    assert.equal(index('deux'), 1);
    assert.equal(index('le trois'), 2);
  });

  it('matches a label before any number: « voir d’autres dates », « un autre lieu »', () => {
    assert.equal(index("voir d'autres dates"), 3);
    assert.equal(index('un autre lieu'), 4);
    assert.equal(index('UN AUTRE LIEU'), 4);
  });

  it('picks nothing for a number out of the list, two options at once, or a larger number', () => {
    assert.equal(index('9'), undefined);
    assert.equal(index('0'), undefined);
    assert.equal(index('1 ou 2'), undefined);
    assert.equal(index('vingt et un'), undefined);
    assert.equal(index('une demi heure'), undefined);
  });

  it('does not read a number inside a sentence: « je cherche un lieu à Mende » is no option 1', () => {
    assert.equal(index('je cherche un lieu à Mende', ['Oui', 'Non']), undefined);
  });

  it('reads no number word in a request: « trouver un lieu » is neither « oui » nor option 1', () => {
    assert.equal(index('trouver un lieu', ['Oui', 'Non']), undefined);
    assert.equal(index('trouver un lieu'), undefined);
    assert.equal(index('une seance', ['Oui', 'Non']), undefined);
    assert.equal(index('prends la deuxième'), 1);
    assert.equal(index('numéro trois'), 2);
    assert.equal(index('prescrire un carnet', ['Séances du jour', 'Séances de la semaine']), undefined);
  });

  it('reads no option in a date: « 3 novembre 1949 » is not option 3, « 12/04/1958 » not option 4', () => {
    assert.equal(index('3 novembre 1949'), undefined);
    assert.equal(index('12/04/1958'), undefined);
    assert.equal(index('sept', ['a', 'b', 'c', 'd', 'e', 'f', 'g']), 6);
  });

  it('picks nothing in an empty answer', () => {
    assert.equal(index(''), undefined);
    assert.equal(index('  ?  '), undefined);
  });
});
