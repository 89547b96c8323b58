import type { Kysely } from 'kysely';
import { CASE_KINDS } from '../../../shared/domain/case.ts';
import { casesZh } from '../../../shared/i18n/features/cases.ts';
import type { DB } from '../../db/schema.ts';
import type { Jurisdiction } from './jurisdiction.ts';
import { createOpen311Repository } from './open311.repository.ts';
import { notFound } from './open311-error.ts';
import type { Open311Value } from './open311-format.ts';

/**
 * Categories carry no attribute model of their own; what every case asks beyond the category is
 * its kind (咨询, 求助, 投诉 …). So each service's definition holds that one optional list, and
 * a request without it is taken as a request for help.
 */
export const KIND_ATTRIBUTE = 'kind';
export const DEFAULT_KIND = 'help';

/** The category tree as services: every active category, a subcategory grouped under its parent's name. */
export async function listServices(db: Kysely<DB>, jurisdiction: Jurisdiction): Promise<Open311Value[]> {
  const rows = await createOpen311Repository(db).activeCategories(jurisdiction.districtCode);
  return rows
    .filter((c) => c.parent_id === null || c.parent_active === true)
    .map((c) => ({
      service_code: c.code,
      service_name: c.name,
      description: c.name_en,
      // Every service has a definition (the kind of the case), so clients should ask for it.
      metadata: true,
      type: 'realtime',
      keywords: null,
      group: c.parent_name ?? c.name,
    }));
}

/** The service definition of a category: the attributes a request to it may carry. */
export async function serviceDefinition(
  db: Kysely<DB>,
  jurisdiction: Jurisdiction,
  code: string,
): Promise<Open311Value> {
  const category = await createOpen311Repository(db).activeCategoryByCode(jurisdiction.districtCode, code);
  if (!category) throw notFound(`service_code ${code} was not found.`);
  const words = casesZh.cases.kinds;
  return {
    service_code: category.code,
    attributes: [
      {
        variable: true,
        code: KIND_ATTRIBUTE,
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: `One of the keys; without it, ${DEFAULT_KIND}.`,
        order: 1,
        description: '诉求类型',
        values: CASE_KINDS.map((kind) => ({ key: kind, name: words[kind] })),
      },
    ],
  };
}
