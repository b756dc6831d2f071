/**
 * The minimal shape an incoming activity must have before the adapter sees
 * it. Anything else is answered 400 and changes nothing. Unknown channels
 * and activity types pass: the bot answers them (or ignores them) itself.
 */
import { z } from 'zod';

const id = z.string().min(1).max(512);

const activitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: id.optional(),
    channelId: id,
    serviceUrl: z.string().max(2048).optional(),
    deliveryMode: z.string().max(64).optional(),
    conversation: z.object({ id }).passthrough(),
    from: z.object({ id }).passthrough(),
    recipient: z.object({ id: z.string().max(512) }).passthrough().optional(),
    text: z.string().max(20_000).optional(),
    locale: z.string().max(64).optional(),
    attachments: z.array(z.object({ contentType: z.string().max(256) }).passthrough()).max(20).optional(),
    membersAdded: z.array(z.object({ id: z.string().max(512) }).passthrough()).max(100).optional(),
    value: z.unknown().optional(),
    channelData: z.unknown().optional(),
  })
  .passthrough()
  .refine((a) => a.deliveryMode === 'expectReplies' || (a.serviceUrl !== undefined && a.serviceUrl.length > 0), {
    message: 'serviceUrl is required unless deliveryMode is expectReplies',
  });

/** Returns a short English reason when the body is not an acceptable activity. */
export function checkActivity(body: unknown, contentType: string): string | undefined {
  if (!/json/i.test(contentType)) return 'content type must be application/json';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object';
  const result = activitySchema.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `${issue.path.join('.') || 'activity'}: ${issue.message}`;
}
