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

const reconnectAnswer = z.object({
  conversationId: z.string().min(1),
  token: z.string().min(1),
  expires_in: z.number().int().positive().optional(),
});

/** Azure's tokens live 30 minutes; its reconnect answer does not always say so. */
const AZURE_TOKEN_SECONDS = 1800;

/**
 * A fresh token for an existing conversation (Direct Line 3.0 "reconnect":
 * `GET {endpoint}/conversations/{id}` with the secret). The caller has
 * checked that the page asking was given that conversation (resumeKey.ts).
 * Throws DirectLineExchangeError with 404 when Azure no longer holds it.
 */
export async function resumeToken(secret: string, endpoint: string, conversationId: string, timeoutMs = 10_000): Promise<DirectLineToken> {
  let response: Response;
  try {
    response = await fetch(`${endpoint.replace(/\/+$/, '')}/conversations/${encodeURIComponent(conversationId)}`, {
      headers: { authorization: `Bearer ${secret}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new DirectLineExchangeError(undefined);
  }
  if (!response.ok) throw new DirectLineExchangeError(response.status);
  const parsed = reconnectAnswer.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success || parsed.data.conversationId !== conversationId) throw new DirectLineExchangeError(response.status);
  return { conversationId, token: parsed.data.token, expires_in: parsed.data.expires_in ?? AZURE_TOKEN_SECONDS };
}
