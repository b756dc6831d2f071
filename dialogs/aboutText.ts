/** What the pass is, in a few short sentences built from the programme preset. */
import { euroValue, hoursPerBook, type Programme } from '../src/domain/programme';
import { joinWithAnd, joinWithOr, lowerFirst } from '../src/wording';
import type { Translate } from '../src/i18n';

export function aboutText(programme: Programme, t: Translate): string {
  const word = programme.voucherBook.word;
  const hours = hoursPerBook(programme);
  const euros = euroValue(programme, hours);
  const lines = [
    t('about.intro', { name: programme.name, departement: programme.departement.name }),
    euros === undefined
      ? t('about.book', { book: word, vouchers: programme.voucherBook.vouchers, hours: t('common.hours', { count: hours }) })
      : t('about.book_value', {
          book: word,
          vouchers: programme.voucherBook.vouchers,
          hours: t('common.hours', { count: hours }),
          euros: t('common.euros', { amount: euros }),
        }),
  ];
  const maxBooks = programme.limits.maxBooksPerBeneficiary;
  const maxHours = programme.limits.maxHoursPerBeneficiary;
  // Only a published limit is stated to the public; an assumed one stays internal.
  if (!maxBooks.assumed && maxBooks.value && !maxHours.assumed && maxHours.value) {
    lines.push(t('about.limit', { books: maxBooks.value, book: word, hours: t('common.hours', { count: maxHours.value }) }));
  }
  lines.push(t('about.free'));
  const themes = programme.content.themes.map((th) => th.label);
  lines.push(
    programme.content.kind === 'parcours'
      ? // One parcours a line: their plain labels hold their own « : » and commas (« Les bases : ordinateur, téléphone, mails »).
        [t('about.parcours'), ...themes.map((theme) => t('about.parcours_item', { theme }))].join('\n')
      : t('about.catalogue', { themes: themes.slice(0, 5).map(lowerFirst).join(', ') }),
  );
  // After « par », an enumeration reads in lower case: « par les travailleurs sociaux… et les partenaires… ».
  lines.push(t('about.prescribers', { prescribers: joinWithAnd(programme.prescribedBy.map(lowerFirst), t) }));
  return lines.join('\n');
}

/**
 * The same on SMS, where 873 characters were six billed segments: one
 * sentence, and « PLUS » for the whole text (MainDialog answers it).
 */
export function aboutShortText(programme: Programme, t: Translate): string {
  return [
    t('about.short', {
      name: programme.name,
      departement: programme.departement.name,
      book: programme.voucherBook.word,
      hours: t('common.hours', { count: hoursPerBook(programme) }),
      prescribers: joinWithOr(programme.prescribedBy.map(lowerFirst), t),
    }),
    t('about.more'),
  ].join('\n');
}

/**
 * Before the département is known (« c'est quoi le pass numérique ? » from
 * a newcomer): what every Pass numérique is — hours with a professional,
 * free — with the served programmes' hours; then that the rest (hours,
 * places) depends on the département, which is asked next.
 */
export function aboutGeneralText(programmes: readonly Programme[], t: Translate): string {
  const hours = programmes.map(hoursPerBook);
  const [min, max] = [Math.min(...hours), Math.max(...hours)];
  const most = t('common.hours', { count: max });
  return [t('about.general', { hours: min === max ? most : t('about.hours_range', { min, max: most }) }), t('about.depends')].join('\n');
}

/** « et c gratuit ? »: yes, in one sentence that says who pays. */
export function aboutCostText(programme: Programme, t: Translate): string {
  return t('about.cost_answer', { name: programme.name, departement: programme.departement.name, book: programme.voucherBook.word });
}
