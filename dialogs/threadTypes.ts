/**
 * The small shapes the thread of a conversation passes between dialogs
 * (ConversationRouter, InterruptionDialog, the prompts), apart so that a
 * prompt can read them without depending on the flows.
 */

/** A flow to start, with its options. */
export interface FlowStart {
  dialogId: string;
  options?: object;
}

/** What an interrupted question gets back when the flow run over it ends. */
export interface ComeBack {
  comeBack: true;
  /** The beneficiary proved meanwhile, if any. */
  verified?: string;
  /** The commune the person gave as theirs meanwhile (its INSEE code), if any: a commune question below is answered by it. */
  commune?: string;
  /** This turn's message is the question's own answer (a carnet number typed during the digression): read it, do not ask again. */
  passOn?: true;
}

/** What ends a digression whose flow the message did not answer, but the question below did (ConversationRouter). */
export interface PassOn {
  passOn: true;
}

export function isPassOn(result: unknown): result is PassOn {
  return typeof result === 'object' && result !== null && (result as PassOn).passOn === true;
}

export function isComeBack(result: unknown): result is ComeBack {
  return typeof result === 'object' && result !== null && (result as ComeBack).comeBack === true;
}
