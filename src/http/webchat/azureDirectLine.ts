/**
 * Production: exchanges the Direct Line secret for a short-lived token with
 * Azure (`POST {endpoint}/tokens/generate`), so that the secret never
 * reaches the browser. The endpoint is configurable (regional Direct Line
 * endpoints exist, and tests stand a local fake in for Azure).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const AZURE_DIRECT_LINE = 'https://directline.botframework.com/v3/directline';

const tokenAnswer = z.object({
  conversationId: z.string().min(1),
  token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

export type DirectLineToken = z.infer<typeof tokenAnswer>;

export class DirectLineExchangeError extends Error {
  constructor(readonly status: number | undefined) {
    super(`Direct Line token exchange failed${status ? ` (HTTP ${status})` : ''}`);
    this.name = 'DirectLineExchangeError';
  }
}

export async function generateToken(secret: string, endpoint: string, timeoutMs = 10_000): Promise<DirectLineToken> {
  let response: Response;
  try {
    response = await fetch(`${endpoint.replace(/\/+$/, '')}/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      // A fresh anonymous user id per token: Azure then binds the conversation to it.
      body: JSON.stringify({ user: { id: `dl_${randomBytes(9).toString('base64url')}` } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new DirectLineExchangeError(undefined);
  }
  if (!response.ok) throw new DirectLineExchangeError(response.status);
  const parsed = tokenAnswer.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new DirectLineExchangeError(response.status);
  return parsed.data;
}
