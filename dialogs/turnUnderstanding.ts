/**
 * The one understanding of a message, made once a turn (src/nlu/understand:
 * the intent and every entity), read against the question pending: what
 * it asks for, and the options it offered. The router decides with it;
 * a flow's validators and steps read the same understanding
 * (`turnUnderstanding`) instead of parsing the message again.
 */
import type { TurnContext } from 'botbuilder';
import type { Choice, DialogContext, DialogInstance } from 'botbuilder-dialogs';
import type { Expectation, Understanding } from '../src/nlu/understand';
import type { DialogDeps } from './deps';
import { type QuestionKind, questionKind } from './prompts/questionKind';

const UNDERSTANDING = Symbol('turnUnderstanding');

/** The context of the dialog actually waiting for the person (the deepest child). */
export function innermost(dc: DialogContext): DialogContext {
  let inner = dc;
  while (inner.child) inner = inner.child;
  return inner;
}

/** What a pending prompt saved: its choices, and maybe what kind of answer it waits for. */
interface PendingOptions {
  choices?: (string | Choice)[];
  validations?: { expecting?: Expectation };
}

/** The question the person is answering: the prompt at the bottom of the stack. */
export interface PendingQuestion {
  /** The dialog context whose active dialog is the prompt. */
  dc: DialogContext;
  instance: DialogInstance;
  kind?: QuestionKind;
  choices?: (string | Choice)[];
}

export function pendingQuestion(dc: DialogContext): PendingQuestion | undefined {
  const leaf = innermost(dc);
  const instance = leaf.activeDialog;
  if (!instance) return undefined;
  const options = (instance.state as { options?: PendingOptions } | undefined)?.options;
  // What the question asks for: told where the prompt is made (asking()), or in the prompt's options (`validations.expecting`).
  const asked = options?.validations?.expecting;
  const kind = questionKind(leaf.findDialog(instance.id)) ?? (asked ? { expecting: asked } : undefined);
  return { dc: leaf, instance, kind, choices: options?.choices };
}

/** This turn's understanding, once the router made it (undefined before, or outside a dialog turn). */
export function turnUnderstanding(context: TurnContext): Understanding | undefined {
  return context.turnState.get<Understanding | undefined>(UNDERSTANDING);
}

/** Understands the turn's message against the pending question; made once a turn. */
export async function understandTurn(dc: DialogContext, deps: DialogDeps): Promise<Understanding> {
  const known = turnUnderstanding(dc.context);
  if (known) return known;
  const pending = pendingQuestion(dc);
  const profile = await deps.state.userProfile.get(dc.context, {});
  const understanding = await deps.services.intents.understand(dc.context.activity.text, {
    now: deps.clock.now(),
    programmes: deps.programmes,
    ...(profile.programmeId ? { programmeId: profile.programmeId } : {}),
    ...(pending?.kind ? { expecting: pending.kind.expecting } : {}),
    ...(pending?.choices ? { choices: pending.choices } : {}),
  });
  dc.context.turnState.set(UNDERSTANDING, understanding);
  return understanding;
}
