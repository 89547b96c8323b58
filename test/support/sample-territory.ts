import { v7 as uuidv7 } from 'uuid';
import type { PiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';

/**
 * A small hand-made territory (district → street → community → 2 grids, households with members,
 * an enterprise) covering every column type the backup must carry: bytea, text[], date,
 * timestamptz, jsonb and a self-referencing tree.
 */
export async function insertSampleTerritory(database: Database, cipher: PiiCipher) {
  const d = '330109';
  // Children get smaller UUIDv7s than their parents would if sorted by id, to prove the backup
  // orders self-referencing rows parents-first, not by primary key.
  const ids = Array.from({ length: 6 }, () => uuidv7()).reverse();
  const [district, street, community, gridA, gridB, household] = ids as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const db = database.db;
  await db
    .insertInto('region')
    .values([
      {
        district_code: d,
        id: district,
        parent_id: null,
        level: 'district',
        code: d,
        name: '萧山区',
        kind: null,
        path: d,
      },
      {
        district_code: d,
        id: street,
        parent_id: district,
        level: 'street',
        code: '330109014',
        name: '宁围街道',
        kind: null,
        path: `${d}.330109014`,
      },
      {
        district_code: d,
        id: community,
        parent_id: street,
        level: 'community',
        code: '330109014001',
        name: '宁新村',
        kind: '村',
        path: `${d}.330109014.330109014001`,
      },
      {
        district_code: d,
        id: gridA,
        parent_id: community,
        level: 'grid',
        code: '330109014001-G01',
        name: '第一网格',
        kind: null,
        path: `${d}.330109014.330109014001.330109014001-G01`,
      },
      {
        district_code: d,
        id: gridB,
        parent_id: community,
        level: 'grid',
        code: '330109014001-G02',
        name: '第二网格',
        kind: null,
        path: `${d}.330109014.330109014001.330109014001-G02`,
      },
    ])
    .execute();
  await db
    .insertInto('household')
    .values({
      district_code: d,
      id: household,
      grid_id: gridA,
      region_path: `${d}.330109014.330109014001.330109014001-G01`,
      code: 'H0001',
      address: '宁围街道宁新村3组12号',
      estate: null,
      building: null,
      unit: null,
      room: null,
      tags: ['低保', '独居老人'],
      created_at: new Date('2026-01-02T03:04:05.678Z'),
    })
    .execute();
  const idNumber = '33010919500101002X';
  const phone = '13812345678';
  await db
    .insertInto('person')
    .values({
      district_code: d,
      id: uuidv7(),
      household_id: household,
      name: '王秀英',
      gender: 'F',
      birth_date: '1950-01-01',
      relationship: '户主',
      id_number_enc: cipher.encrypt(idNumber),
      id_number_hash: cipher.hash(idNumber),
      phone_enc: cipher.encrypt(phone),
      phone_hash: cipher.hash(phone),
    })
    .execute();
  await db
    .insertInto('enterprise')
    .values({
      district_code: d,
      id: uuidv7(),
      grid_id: gridB,
      region_path: `${d}.330109014.330109014001.330109014001-G02`,
      name: '杭州宁围示例科技有限公司',
      credit_code: '91330109MA27XXXX0X',
      address: '宁围街道市心北路1号',
      tags: ['专精特新'],
      contact_name: '李明',
      contact_phone_enc: cipher.encrypt('13900001111'),
      contact_phone_hash: cipher.hash('13900001111'),
    })
    .execute();
  await db
    .insertInto('system_setting')
    .values({ key: 'sample', value: JSON.stringify({ nested: [1, 'two', { three: null }] }) })
    .execute();
  return { district, street, community, gridA, gridB, household, idNumber, phone };
}
