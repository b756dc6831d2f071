/**
 * The minimal shape an incoming activity must have before the adapter sees
 * it. Anything else is answered 400 and changes nothing. Unknown channels
 * and activity types pass: the bot answers them (or ignores them) itself.
 *
 * Every id the bot or a store may look up is a string here (a
 * `{"$where": …}` object as `from.aadObjectId` would otherwise reach a
 * query), and the free-form parts (value, channelData, entities) are
 * bounded in size; their depth is bounded by the body reader (jsonBody.ts).
 */
import { z } from 'zod';
import { jsonLength } from './jsonBody';

const id = z.string().min(1).max(512);
const optionalId = z.string().max(512).optional();
/** Teams channelData (tenant, team, channel, notification) is a few hundred bytes. */
const MAX_FREE_FORM_CHARS = 32 * 1024;
/** `schema`, and at most MAX_FREE_FORM_CHARS once written as JSON. */
export const bounded = <T extends z.ZodType>(schema: T) =>
  schema.refine((v) => jsonLength(v) <= MAX_FREE_FORM_CHARS, `must be at most ${MAX_FREE_FORM_CHARS} characters of JSON`);

const account = { name: z.string().max(256).optional(), aadObjectId: optionalId, role: z.string().max(64).optional() };

const activitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: id.optional(),
    channelId: id,
    serviceUrl: z.string().max(2048).optional(),
    deliveryMode: z.string().max(64).optional(),
    replyToId: optionalId,
    conversation: z
      .object({ id, tenantId: optionalId, conversationType: z.string().max(64).optional(), name: z.string().max(256).optional() })
      .passthrough(),
    from: z.object({ id, ...account }).passthrough(),
    recipient: z
      .object({ id: z.string().max(512), ...account })
      .passthrough()
      .optional(),
    text: z.string().max(20_000).optional(),
    locale: z.string().max(64).optional(),
    attachments: z
      .array(z.object({ contentType: z.string().max(256) }).passthrough())
      .max(20)
      .optional(),
    membersAdded: z
      .array(z.object({ id: z.string().max(512), ...account }).passthrough())
      .max(100)
      .optional(),
    membersRemoved: z
      .array(z.object({ id: z.string().max(512), ...account }).passthrough())
      .max(100)
      .optional(),
    value: bounded(z.unknown()).optional(),
    entities: bounded(z.array(z.unknown()).max(20)).optional(),
    channelData: bounded(z.object({ tenant: z.object({ id: optionalId }).passthrough().optional() }).passthrough()).optional(),
  })
  .passthrough();

/**
 * Returns a short English reason when the body is not an acceptable activity.
 * `signed`: the request carries a token. Its serviceUrl is then required even
 * with expectReplies, because the token's serviceurl claim is only compared
 * with a serviceUrl that is there.
 */
export function checkActivity(body: unknown, contentType: string, { signed = false }: { signed?: boolean } = {}): string | undefined {
  if (!/json/i.test(contentType)) return 'content type must be application/json';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object';
  const result = activitySchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    return `${issue.path.join('.') || 'activity'}: ${issue.message}`;
  }
  const { deliveryMode, serviceUrl } = result.data;
  const hasServiceUrl = serviceUrl !== undefined && serviceUrl.length > 0;
  if (!hasServiceUrl && (signed || deliveryMode !== 'expectReplies')) {
    return signed ? 'serviceUrl: required on a signed request' : 'serviceUrl is required unless deliveryMode is expectReplies';
  }
  return undefined;
}
