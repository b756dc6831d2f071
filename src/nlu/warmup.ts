/**
 * The Microsoft recognizers take about a second on their first call (they
 * compile large regular expressions). Call each one we use once at
 * start-up, so the first person does not wait; /readyz stays 503 until then.
 */
import * as Recognizers from '@microsoft/recognizers-text-suite';
import { recognizeChoices } from 'botbuilder-dialogs';

const FRENCH = Recognizers.Culture.French;

export async function warmLanguageModels(): Promise<void> {
  // Yield first so the HTTP server is already listening while we warm up.
  await new Promise((resolve) => setImmediate(resolve));
  Recognizers.recognizeDateTime('mardi prochain à 10h', FRENCH);
  Recognizers.recognizeNumber('le deuxième', FRENCH);
  Recognizers.recognizeOrdinal('troisième', FRENCH);
  Recognizers.recognizePhoneNumber('06 12 34 56 78', FRENCH);
  Recognizers.recognizeBoolean('oui', FRENCH);
  // The choice prompts use botbuilder-dialogs' own copy of the number recognizer.
  recognizeChoices('le deuxième', ['un', 'deux'], { locale: 'fr-fr' });
}
