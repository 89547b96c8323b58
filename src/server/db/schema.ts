import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Database types, written by hand beside the migrations: change both in the same commit. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export interface RegionTable {
  district_code: string;
  id: string;
  parent_id: string | null;
  level: 'district' | 'street' | 'community' | 'grid' | 'micro_grid';
  code: string;
  name: string;
  kind: string | null;
  path: string;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HouseholdTable {
  district_code: string;
  id: string;
  grid_id: string;
  region_path: string;
  code: string;
  address: string;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonTable {
  district_code: string;
  id: string;
  household_id: string;
  name: string;
  gender: 'M' | 'F';
  birth_date: DateOnly;
  relationship: string;
  id_number_enc: Uint8Array | null;
  id_number_hash: Uint8Array | null;
  phone_enc: Uint8Array | null;
  phone_hash: Uint8Array | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EnterpriseTable {
  district_code: string;
  id: string;
  grid_id: string;
  region_path: string;
  name: string;
  credit_code: string;
  address: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  contact_name: string | null;
  contact_phone_enc: Uint8Array | null;
  contact_phone_hash: Uint8Array | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffTable {
  district_code: string;
  id: string;
  region_id: string;
  name: string;
  post: string;
  phone_enc: Uint8Array | null;
  phone_hash: Uint8Array | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SystemSettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface DB {
  system_setting: SystemSettingTable;
  region: RegionTable;
  household: HouseholdTable;
  person: PersonTable;
  enterprise: EnterpriseTable;
  staff: StaffTable;
}

export type Region = Selectable<RegionTable>;
export type NewRegion = Insertable<RegionTable>;
export type NewHousehold = Insertable<HouseholdTable>;
export type NewPerson = Insertable<PersonTable>;
export type NewEnterprise = Insertable<EnterpriseTable>;
export type NewStaff = Insertable<StaffTable>;
