import type { ClientError } from '../../shared/domain/meta.ts';

const LIMITS = { message: 2000, stack: 8000, componentStack: 8000, url: 2000, userAgent: 500 } as const;

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/**
 * The crash report the error boundary sends: the fields of clientErrorSchema and nothing else,
 * clipped to its limits so an oversized stack never turns a report into a 422.
 */
export function buildClientErrorReport(
  error: unknown,
  componentStack: string | null | undefined,
  where: { url: string; userAgent?: string },
): ClientError {
  const message = error instanceof Error ? error.message || error.name : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  return {
    message: clip(message || 'Unknown error', LIMITS.message),
    ...(stack ? { stack: clip(stack, LIMITS.stack) } : {}),
    ...(componentStack ? { componentStack: clip(componentStack, LIMITS.componentStack) } : {}),
    url: clip(where.url, LIMITS.url),
    ...(where.userAgent ? { userAgent: clip(where.userAgent, LIMITS.userAgent) } : {}),
  };
}
