/** What a dialog wants said: the text and its options, before any channel renders it (render.ts). */
export interface Reply {
  text: string;
  /** Labels of the options, in order; the user may answer by number or word. */
  choices?: string[];
  /**
   * The options in full, when the labels are short (« mer. 2 déc. 14h »):
   * listed, numbered, in the message; the buttons keep the short labels.
   */
  details?: string[];
  /**
   * Buttons without numbers, for a question whose options are not listed
   * (the short menu after a flow, on a screen): each says what it does and
   * is answered by its words; typed numbers keep the full list's meaning.
   * Not shown on SMS. Ignored when `choices` is given.
   */
  shortcuts?: string[];
}
