/**
 * What a Web Chat client may post to the local Direct Line, and what the
 * bot may post back through the connector routes. Anything else is a 400
 * and changes nothing.
 */
import { z } from 'zod';
import { bounded } from '../activityCheck';

const account = z.object({ id: z.string().max(512).optional(), name: z.string().max(256).optional() }).passthrough();

/** From the page: messages, the "près de moi" event, typing. No attachments (no upload here). */
export const clientActivitySchema = z
  .object({
    type: z.enum(['message', 'event', 'typing']),
    text: z.string().max(20_000).optional(),
    name: z.string().max(128).optional(),
    value: bounded(z.unknown()).optional(),
    locale: z.string().max(64).optional(),
    from: account.optional(),
    channelData: bounded(z.record(z.string(), z.unknown())).optional(),
    entities: bounded(z.array(z.unknown()).max(20)).optional(),
    attachments: z.array(z.unknown()).max(0, 'attachments are not accepted here').optional(),
  })
  .passthrough();

/** From the bot (CloudAdapter's connector client): any activity type, bounded sizes. */
export const botActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    text: z.string().max(100_000).optional(),
    attachments: z.array(z.unknown()).max(50).optional(),
  })
  .passthrough();

export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || 'activity'}: ${issue.message}`;
}
