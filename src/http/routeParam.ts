/** A named route parameter as text (restify types `req.params` as any); '' when absent. */
import type { Request } from 'restify';

export function routeParam(req: Request, name: string): string {
  const value = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
