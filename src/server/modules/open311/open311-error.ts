/**
 * A failure in Open311's terms (README §4): 404 for what does not exist (jurisdiction, service
 * code, request, token), 403 for a missing, unknown or revoked api_key, 400 for anything else;
 * 429 when a client sends faster than its limit. The body's code is the HTTP status.
 */
export class Open311Error extends Error {
  readonly status: 400 | 403 | 404 | 429 | 500 | 503;

  constructor(status: 400 | 403 | 404 | 429 | 500 | 503, message: string) {
    super(message);
    this.name = 'Open311Error';
    this.status = status;
  }
}

export const badRequest = (message: string) => new Open311Error(400, message);
export const notFound = (message: string) => new Open311Error(404, message);
export const forbidden = (message: string) => new Open311Error(403, message);
