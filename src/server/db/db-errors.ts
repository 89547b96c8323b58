/** A unique key refused the row (SQLSTATE 23505): someone took the code first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/**
 * Runs a write that a check before it said was free; when a concurrent request took the key
 * between the two, answers `refusal()`, the check's own 4xx, instead of the unique violation.
 */
export async function uniqueOr<T>(write: Promise<T>, refusal: () => Error): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal();
    throw error;
  }
}

/**
 * The constraint a unique violation names, or '' when it names none. node-postgres passes on
 * PostgreSQL's constraint field; Citus passes a worker's violation on with its message only, and
 * names the shard's constraint there (audit_log_pk_102040).
 */
export function violatedConstraint(error: unknown): string {
  const e = error as { constraint?: unknown; message?: unknown } | null;
  if (typeof e?.constraint === 'string') return e.constraint;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /unique constraint "([^"]+)"/.exec(message)?.[1] ?? '';
}

/** A foreign key still points at the row being deleted (SQLSTATE 23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23503';
}

/**
 * The database refused a value as data (SQLSTATE class 22: a NUL byte in text, a date out of
 * range, a malformed uuid). Validation should have caught it; this is the last line of defence,
 * so a value that slipped through is the client's 4xx, not a 500.
 */
export function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** Seconds a client is told to wait (Retry-After) when the database is away or overloaded. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Seconds a request refused by load shedding (503 OVERLOADED) is told to wait: a surge passes in
 * seconds, and a refusal costs the server almost nothing, so clients come back soon.
 */
export const OVERLOAD_RETRY_AFTER_SECONDS = 2;

/** Socket errors of a connection to the database that was refused, reset or cut. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
/**
 * SQLSTATEs meaning the server is shutting down, starting up or out of connections: 57P01
 * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections
 * (class 08, connection exceptions, is matched as a class).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What node-postgres and its pool say when a connection dies or cannot be had in time. */
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /connection (?:is )?(?:closed|ended)/i,
];

function errorChain(error: unknown): { code?: unknown; message?: unknown }[] {
  const chain: { code?: unknown; message?: unknown }[] = [];
  let e = error;
  while (e && typeof e === 'object' && chain.length < 8) {
    chain.push(e as { code?: unknown; message?: unknown });
    if (e instanceof AggregateError && e.errors.length) e = e.errors[0];
    else e = (e as { cause?: unknown }).cause;
  }
  return chain;
}

/**
 * Whether a failure means the database cannot be reached right now (stopped, restarting, the
 * connection cut, the pool unable to connect) rather than that the request or the code is wrong.
 * The one place that decides it: such failures answer 503 with Retry-After, never 500.
 */
export function isConnectionFailure(error: unknown): boolean {
  return errorChain(error).some(({ code, message }) => {
    if (typeof code === 'string') {
      if (SOCKET_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    return typeof message === 'string' && CONNECTION_MESSAGES.some((m) => m.test(message));
  });
}

/** PostgreSQL canceled a statement that ran past `statement_timeout` (SQLSTATE 57014). */
export function isStatementTimeout(error: unknown): boolean {
  return errorChain(error).some(({ code }) => code === '57014');
}
