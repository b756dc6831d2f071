/** Calls to the local Direct Line as Web Chat makes them: a method, a path, the conversation's token, a JSON (or raw) body. */
export type DirectLineCall = (
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  contentType?: string,
) => Promise<{ status: number; body: any }>;

export function directLineCall(baseUrl: () => string): DirectLineCall {
  return async (method, path, token, body, contentType = 'application/json') => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}
