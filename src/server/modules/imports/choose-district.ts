import { importFileError } from './import-errors.ts';

/**
 * The district of a file: the one every known code belongs to. Grid codes are unique within a
 * district only, so a code may exist in several; a file whose codes have no district in common
 * mixes districts and is refused whole. Null when no code is known anywhere.
 */
export function chooseDistrict(
  codes: readonly string[],
  found: readonly { code: string; district_code: string }[],
): string | null {
  const districtsOf = new Map<string, Set<string>>();
  for (const g of found) {
    let set = districtsOf.get(g.code);
    if (!set) {
      set = new Set();
      districtsOf.set(g.code, set);
    }
    set.add(g.district_code);
  }
  let common: Set<string> | undefined;
  for (const code of codes) {
    const districts = districtsOf.get(code);
    if (!districts) continue;
    const shared: Set<string> =
      common === undefined ? new Set(districts) : new Set([...common].filter((d) => districts.has(d)));
    if (shared.size === 0) {
      const other = found.find((g) => !districts.has(g.district_code));
      throw importFileError(
        'file.mixed_districts',
        `The file mixes districts: ${code} is in district ${[...districts].join('/')}` +
          (other ? `, ${other.code} in district ${other.district_code}` : '') +
          '. Import one district per file.',
      );
    }
    common = shared;
  }
  if (common === undefined) return null;
  if (common.size > 1) {
    throw importFileError(
      'file.ambiguous_district',
      `The codes exist in several districts (${[...common].join(', ')}); name the district to import into.`,
    );
  }
  return [...common][0] as string;
}
