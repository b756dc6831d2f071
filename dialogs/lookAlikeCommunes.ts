/**
 * « Laquelle de ces communes ? »: the numbered question when a commune said
 * matches several (look-alikes, or one postal code for several communes),
 * with « Aucune de celles-ci » last — the person's own may not be among
 * them (« lyon » read as Nyons, Albon…). Asked by the place search and the
 * eligibility questions alike; the answer's index is the commune's, the
 * last one none of them.
 */
import type { PromptOptions } from 'botbuilder-dialogs';
import type { Commune } from '../src/domain/communes';
import { frenchList, type Translate } from '../src/i18n';

export function whichCommuneQuestion(communes: readonly Commune[], t: Translate): PromptOptions {
  return {
    prompt: t('find_place.which_commune'),
    retryPrompt: `${t('common.didnt_understand')} ${t('find_place.which_commune')}`,
    choices: [
      ...communes.map((c) => ({
        value: t('find_place.commune_choice', { name: c.name, postalCode: c.postalCodes[0] ?? '' }),
        synonyms: [...c.postalCodes],
      })),
      { value: t('find_place.none_of_these_communes'), synonyms: frenchList('find_place.none_of_these_communes_synonyms') },
    ],
  };
}
