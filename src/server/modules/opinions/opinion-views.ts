import type { Opinion } from '../../../shared/domain/opinion.ts';
import type { OpinionRow } from './opinions.repository.ts';

/** An opinion row as the API answers it. */
export function opinionView(r: OpinionRow): Opinion {
  return {
    id: r.id,
    visitId: r.visit_id,
    regionId: r.region_id,
    regionName: r.region_name,
    text: r.text,
    categoryId: r.category_id,
    categoryName: r.category_name,
    recordedBy: { id: r.recorded_by, displayName: r.recorder_name },
    recordedAt: new Date(r.recorded_at).toISOString(),
    promotedCase:
      r.promoted_case_id && r.promoted_case_number
        ? { id: r.promoted_case_id, number: r.promoted_case_number }
        : null,
  };
}
