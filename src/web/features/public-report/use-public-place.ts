import { useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { publicCodeFromPath } from '../public-codes/public-code-path.ts';
import type { usePublicReportApi } from './public-report-api.ts';
import { publicReportRegionId } from './public-report-path.ts';

/** Where the form reports to, as a resident reads it, and how the report names it. */
export interface FormPlace {
  /** The names from the street (or district) down to the estate. */
  names: string[];
  /** What the report carries: the code of `/q/<code>`, or the region of `/report/<regionId>`. */
  target: { code: string } | { regionId: string };
  phoneVerification: boolean;
}

export type PlaceState =
  | { status: 'loading' }
  | { status: 'ready'; place: FormPlace }
  | { status: 'unknown' }
  | { status: 'retired'; replacedBy: string | null }
  | { status: 'error'; error: ApiError };

const asApiError = (error: unknown) => (error instanceof ApiError ? error : ApiError.fromStatus(0));

/**
 * Reads the form's address: `/q/<code>` (a QR poster, contract C1: the place's names, or a
 * retired code's replacement) or `/report/<regionId>` (the older posters). Either way the
 * region lookup says whether the district asks for an SMS code.
 */
export function usePublicPlace(
  api: ReturnType<typeof usePublicReportApi>,
  pathname: string,
  attempt: number,
): PlaceState {
  const [state, setState] = useState<PlaceState>({ status: 'loading' });
  const code = publicCodeFromPath(pathname);
  const regionId = code ? null : publicReportRegionId(pathname);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's reload.
  useEffect(() => {
    if (!code && !regionId) {
      setState({ status: 'unknown' });
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    setState({ status: 'loading' });
    const load = async (): Promise<PlaceState> => {
      if (code) {
        const found = await api.code(code, signal);
        if (found.status !== 'found') return found;
        const { names } = found.place;
        const region = await api.region(found.place.regionId, signal);
        return {
          status: 'ready',
          place: {
            names: [names.street, names.community, names.grid, names.estate].filter((n): n is string => !!n),
            target: { code: found.place.code },
            phoneVerification: region.phoneVerification,
          },
        };
      }
      const region = await api.region(regionId as string, signal);
      return {
        status: 'ready',
        place: {
          names: region.path,
          target: { regionId: regionId as string },
          phoneVerification: region.phoneVerification,
        },
      };
    };
    load().then(
      (next) => {
        if (!signal.aborted) setState(next);
      },
      (error: unknown) => {
        if (signal.aborted) return;
        const apiError = asApiError(error);
        setState(apiError.status === 404 ? { status: 'unknown' } : { status: 'error', error: apiError });
      },
    );
    return () => controller.abort();
  }, [api, code, regionId, attempt]);

  return state;
}
