import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_CATEGORIES, type DepartmentKind } from '../../shared/domain/default-categories.ts';
import type { DB } from '../db/schema.ts';
import { createCategoryRepository } from '../modules/categories/categories.repository.ts';
import { createDepartmentRepository } from '../modules/departments/departments.repository.ts';
import { createRegionRepository } from '../modules/regions/regions.repository.ts';

/**
 * Names of a district's departments (职能部门) by kind. Xiaoshan's are its real names; other
 * districts (benchmark data) get the same pattern on their own name.
 */
export function districtDepartmentNames(districtName: string): Record<DepartmentKind, string> {
  const short = districtName.replace(/(区|县|市)$/, '');
  return {
    housing: `${districtName}住房和城乡建设局`,
    law_enforcement: `${districtName}综合行政执法局`,
    environment: `杭州市生态环境局${short}分局`,
    civil_affairs: `${districtName}民政局`,
    hr_social_security: `${districtName}人力资源和社会保障局`,
    education: `${districtName}教育局`,
    health: `${districtName}卫生健康局`,
    public_security: `杭州市公安局${districtName}分局`,
    market_regulation: `${districtName}市场监督管理局`,
    transport: `${districtName}交通运输局`,
    justice: `${districtName}司法局`,
    economy: `${districtName}经济和信息化局`,
  };
}

/** The offices every street keeps (街道办事处内设机构) that take the cases it handles itself. */
export const STREET_OFFICES = [
  { key: 'urban', name: '城市管理办公室' },
  { key: 'safety', name: '平安建设办公室' },
  { key: 'social', name: '社会事务管理办公室' },
  { key: 'economy', name: '经济发展办公室' },
] as const;

export interface OrganisationCounts {
  departments: number;
  categories: number;
}

/**
 * Seeds a district's departments (district bureaus on the district node, the usual offices on each
 * street) and the default case category taxonomy with its owners. Idempotent: rows are keyed by
 * code, existing ones are left as they are, so running it again (or after an administrator's
 * edits) adds only what is missing. `nextId` gives the seeder's deterministic ids.
 */
export async function seedOrganisation(
  db: Kysely<DB>,
  districtCode: string,
  nextId: () => string = uuidv7,
): Promise<OrganisationCounts> {
  const departments = createDepartmentRepository(db);
  const categories = createCategoryRepository(db);
  const nodes = await createRegionRepository(db).districtAndStreets(districtCode);
  const district = nodes.find((n) => n.level === 'district');
  if (!district) return { departments: 0, categories: 0 };

  const byKind = new Map<DepartmentKind, string>();
  let sortOrder = 0;
  for (const [kind, name] of Object.entries(districtDepartmentNames(district.name)) as [
    DepartmentKind,
    string,
  ][]) {
    const id = await departments.ensure({
      district_code: districtCode,
      id: nextId(),
      code: kind,
      name,
      level: 'district',
      region_id: district.id,
      sort_order: ++sortOrder,
    });
    byKind.set(kind, id);
  }
  let departmentCount = byKind.size;
  for (const street of nodes.filter((n) => n.level === 'street')) {
    let order = 0;
    for (const office of STREET_OFFICES) {
      await departments.ensure({
        district_code: districtCode,
        id: nextId(),
        code: `${street.code}-${office.key}`,
        name: `${street.name}${office.name}`,
        level: 'street',
        region_id: street.id,
        sort_order: ++order,
      });
      departmentCount += 1;
    }
  }

  let categoryCount = 0;
  let topOrder = 0;
  for (const top of DEFAULT_CATEGORIES) {
    const topId = await categories.ensure({
      district_code: districtCode,
      id: nextId(),
      parent_id: null,
      code: top.code,
      name: top.name,
      name_en: top.nameEn,
      path: top.code,
      department_id: top.owner ? (byKind.get(top.owner) ?? null) : null,
      sort_order: ++topOrder,
    });
    categoryCount += 1;
    let childOrder = 0;
    for (const child of top.children) {
      await categories.ensure({
        district_code: districtCode,
        id: nextId(),
        parent_id: topId,
        code: child.code,
        name: child.name,
        name_en: child.nameEn,
        path: `${top.code}.${child.code}`,
        // Only a subcategory with an owner of its own names one; the rest inherit the top's.
        department_id: child.owner ? (byKind.get(child.owner) ?? null) : null,
        sort_order: ++childOrder,
      });
      categoryCount += 1;
    }
  }
  return { departments: departmentCount, categories: categoryCount };
}
