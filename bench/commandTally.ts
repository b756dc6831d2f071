/**
 * Every database command the app server sends (MongoDB driver command
 * monitoring), counted and timed by what it is for: the collection, the
 * command and, for bot state and leases, which kind of key it names (a
 * replay claim, a conversation's state, a user's state). The round-trip
 * profile of a turn (bench/roundTrips.ts) divides these by the turns.
 */
import mongoose from 'mongoose';
import { REPLAY_KEY_PREFIX } from '../src/services/replayRecords';

export interface CommandCount {
  count: number;
  /** Sum of the driver's durations (send to answer), ms. */
  ms: number;
}
export type CommandTallies = Record<string, CommandCount>;

export interface CommandTally {
  /** What was sent since the last call; counting starts again. */
  take(): CommandTallies;
}

interface Started {
  commandName: string;
  requestId: number;
  command: Record<string, unknown>;
}
interface Finished {
  requestId: number;
  duration: number;
}

/** The `_id` a command names first (filter, document, query or delete), when it names one. */
function firstId(command: Record<string, unknown>): unknown {
  const first = (value: unknown) => (Array.isArray(value) ? value[0] : undefined) as Record<string, unknown> | undefined;
  const filter = (command.filter ?? command.query ?? first(command.documents) ?? first(command.deletes)?.q ?? first(command.updates)?.q) as
    Record<string, unknown> | undefined;
  const id = filter?._id;
  if (id && typeof id === 'object' && '$in' in id) return first(id.$in);
  return id;
}

/** A bot state key (or a lease on one) by kind: replay claim, conversation, user. */
function keyKind(id: unknown): string {
  if (typeof id !== 'string') return '';
  const key = id.replace(/^botState:/, '');
  if (key.startsWith(REPLAY_KEY_PREFIX)) return 'replay';
  if (/\/conversations\//.test(key)) return 'conversation';
  if (/\/users\//.test(key)) return 'user';
  return '';
}

export function label(commandName: string, command: Record<string, unknown>): string {
  const named = command[commandName];
  const collection = typeof named === 'string' ? named : '';
  const id = firstId(command);
  const owner = collection === 'documentLeases' && typeof id === 'string' ? id.split(':')[0] : '';
  const kind = collection === 'botState' || owner === 'botState' ? keyKind(id) : '';
  return `${collection}${owner ? `(${owner})` : ''} ${commandName}${kind ? ` [${kind}]` : ''}`;
}

/** Listens to the commands of every mongoose connection opened so far (the store's). */
export function watchCommands(): CommandTally {
  let tallies: CommandTallies = {};
  const pending = new Map<number, string>();
  for (const connection of mongoose.connections) {
    // The default connection, never opened, has no client.
    const client = connection.readyState === mongoose.ConnectionStates.connected ? connection.getClient() : undefined;
    if (!client) continue;
    client.on('commandStarted', (event: Started) => pending.set(event.requestId, label(event.commandName, event.command)));
    const done = (event: Finished) => {
      const name = pending.get(event.requestId);
      pending.delete(event.requestId);
      if (!name) return;
      const tally = (tallies[name] ??= { count: 0, ms: 0 });
      tally.count += 1;
      tally.ms += event.duration;
    };
    client.on('commandSucceeded', done);
    client.on('commandFailed', done);
  }
  return {
    take: () => {
      const taken = tallies;
      tallies = {};
      return taken;
    },
  };
}
