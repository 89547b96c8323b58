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

export interface AppUserTable {
  district_code: string;
  id: string;
  username: string;
  display_name: string;
  staff_id: string | null;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  totp_secret_enc: Uint8Array | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  recovery_code_hashes: ColumnType<string[], string | undefined, string>;
  active: Generated<boolean>;
  demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleGrantTable {
  district_code: string;
  id: string;
  user_id: string;
  role: string;
  scope_region_id: string | null;
  created_at: Timestamp;
}

export interface UserSessionTable {
  district_code: string;
  id: string;
  user_id: string;
  token_hash: Uint8Array;
  mfa_passed: Generated<boolean>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
  source_ip: string | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: Generated<number>;
  window_start: Date;
  blocked_until: Date | null;
}

export interface AuditLogTable {
  district_code: string;
  seq: number;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_roles: string | null;
  scope: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  source_ip: string | null;
  detail: ColumnType<unknown, string | undefined, string>;
  prev_hash: Uint8Array;
  hash: Uint8Array;
}

export interface AuditChainHeadTable {
  district_code: string;
  seq: number;
  hash: Uint8Array;
}

export interface DB {
  system_setting: SystemSettingTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  user_session: UserSessionTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
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
