import { AppError } from '../../../shared/errors/app-error.ts';

/**
 * Problems with the file as a whole (as opposed to rejected rows, which go in the report): it
 * cannot be read, has the wrong sheet or header, or mixes districts. Nothing is imported. They
 * are AppErrors, so the CLI prints one clear sentence and the API answers 422.
 */
export type FileProblem =
  | 'file.unreadable'
  | 'file.format'
  | 'file.sheet_missing'
  | 'file.header'
  | 'file.mixed_districts'
  | 'file.ambiguous_district';

export function importFileError(problem: FileProblem, message: string, cause?: unknown): AppError {
  return new AppError('VALIDATION_FAILED', message, {
    issues: [{ path: 'file', reason: problem, message }],
    ...(cause === undefined ? {} : { cause }),
  });
}

export function fileProblemOf(error: unknown): FileProblem | null {
  if (!(error instanceof AppError)) return null;
  const reason = error.issues[0]?.reason;
  return reason?.startsWith('file.') ? (reason as FileProblem) : null;
}
