/**
 * The channel of the turn being run, for the few places that cannot be
 * handed it: the translator (src/i18n.ts) picks a text's SMS variant
 * (`key_sms`) on SMS without every dialog passing the channel to every
 * t() call. Node's AsyncLocalStorage follows the turn through its awaits;
 * outside a turn (start-up, the outbox composing) the channel is unknown
 * and the ordinary texts are used.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChannelKind } from './channelKind';

const scope = new AsyncLocalStorage<ChannelKind>();

export function inChannel<T>(kind: ChannelKind, work: () => Promise<T>): Promise<T> {
  return scope.run(kind, work);
}

export function currentChannel(): ChannelKind | undefined {
  return scope.getStore();
}
