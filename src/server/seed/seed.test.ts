import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import { isValidCreditCode } from '../../shared/validation/credit-code.ts';
import { idCardBirthDate, idCardGender, isValidIdCardNumber } from '../../shared/validation/id-card.ts';
import { isValidMobilePhone } from '../../shared/validation/phone.ts';
import { createPiiCipher } from '../crypto/pii.ts';
import type { Database } from '../db/engine.ts';
import { createSettingsRepository } from '../modules/system/settings.repository.ts';
import ningwei from './data/ningwei.json' with { type: 'json' };
import { SeedError, seed } from './seed.ts';

// A fixed key, so that two databases seeded alike get the same keyed hashes.
const cipher = createPiiCipher(Buffer.alloc(32, 7).toString('base64'));

const open: Database[] = [];
async function freshDatabase(): Promise<Database> {
  const database = await createTestDatabase();
  open.push(database);
  return database;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

function defined<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const text = (v: unknown) => (Array.isArray(v) ? v.join(' ') : typeof v === 'string' ? v : '');

async function dump(database: Database) {
  const { db } = database;
  return {
    region: await db.selectFrom('region').selectAll().orderBy('id').execute(),
    household: await db.selectFrom('household').selectAll().orderBy('id').execute(),
    person: await db.selectFrom('person').selectAll().orderBy('id').execute(),
    enterprise: await db.selectFrom('enterprise').selectAll().orderBy('id').execute(),
    staff: await db.selectFrom('staff').selectAll().orderBy('id').execute(),
  };
}

/** Rows without ciphertexts (random IVs) and timestamps; bytes as hex for comparison. */
function comparable(rows: Record<string, unknown>[]) {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([k]) => !k.endsWith('_enc') && k !== 'created_at' && k !== 'updated_at')
        .map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v]),
    ),
  );
}

describe('seed', () => {
  it('builds the real street with 171 grids and encrypted, valid personal data', async () => {
    const database = await freshDatabase();
    const summary = await seed(database, { scale: 'street', households: 300, seed: 1, cipher });
    expect(summary.counts).toMatchObject({ household: 300, enterprise: 20 });
    expect(summary.counts.person).toBeGreaterThan(700);
    const data = await dump(database);
    expect(summary.counts).toEqual({
      region: data.region.length,
      household: data.household.length,
      person: data.person.length,
      enterprise: data.enterprise.length,
      staff: data.staff.length,
    });

    const district = data.region.filter((r) => r.level === 'district');
    const streets = data.region.filter((r) => r.level === 'street');
    const communities = data.region.filter((r) => r.level === 'community');
    const grids = data.region.filter((r) => r.level === 'grid');
    expect(district.map((r) => [r.code, r.name, r.parent_id])).toEqual([['330109', '萧山区', null]]);
    expect(streets.map((r) => [r.code, r.name, r.parent_id])).toEqual([
      ['330109013', '宁围街道', defined(district[0]).id],
    ]);
    expect(communities.map((r) => r.code).sort()).toEqual(ningwei.communities.map((c) => c.code).sort());
    expect(grids).toHaveLength(171);
    const byId = new Map(data.region.map((r) => [r.id, r]));
    for (const g of grids) {
      const community = defined(byId.get(g.parent_id as string));
      expect(community.level).toBe('community');
      expect(g.path).toBe(`330109.330109013.${community.code}.${g.code}`);
      expect(g.code).toMatch(new RegExp(`^${community.code}-G\\d{2}$`));
    }
    for (const c of communities) expect(['社区', '村']).toContain(c.kind);
    for (const row of [...data.household, ...data.enterprise]) {
      expect(row.region_path).toBe(defined(byId.get(row.grid_id)).path);
    }

    const plaintexts: string[] = [];
    const householdTags = new Map(data.household.map((h) => [h.id, h.tags]));
    for (const p of data.person) {
      if (p.id_number_enc === null) {
        expect(householdTags.get(p.household_id)).toContain('外籍');
        expect(p.id_number_hash).toBeNull();
      } else {
        const id = cipher.decrypt(p.id_number_enc);
        expect(isValidIdCardNumber(id)).toBe(true);
        expect(idCardBirthDate(id)).toBe(p.birth_date);
        expect(idCardGender(id)).toBe(p.gender);
        expect(Buffer.from(defined(p.id_number_hash)).equals(Buffer.from(cipher.hash(id)))).toBe(true);
        plaintexts.push(id);
      }
      if (p.phone_enc !== null) {
        const phone = cipher.decrypt(p.phone_enc);
        expect(isValidMobilePhone(phone)).toBe(true);
        expect(Buffer.from(defined(p.phone_hash)).equals(Buffer.from(cipher.hash(phone)))).toBe(true);
        plaintexts.push(phone);
      }
    }
    for (const e of data.enterprise) {
      expect(isValidCreditCode(e.credit_code)).toBe(true);
      expect(e.credit_code.slice(2, 8)).toBe('330109');
      const phone = cipher.decrypt(defined(e.contact_phone_enc));
      expect(isValidMobilePhone(phone)).toBe(true);
      plaintexts.push(phone);
    }
    for (const s of data.staff) {
      const phone = cipher.decrypt(defined(s.phone_enc));
      expect(isValidMobilePhone(phone)).toBe(true);
      plaintexts.push(phone);
    }

    // Nothing personal in clear: no ID number or phone inside any text column of any table.
    const allText = Object.values(data)
      .flatMap((rows) => rows.flatMap((row) => Object.values(row).map(text)))
      .join('\n');
    expect(plaintexts.length).toBeGreaterThan(1_000);
    for (const value of plaintexts) expect(allText.includes(value), value.slice(0, 3)).toBe(false);

    // Not a demo: only the demo scale marks the data as such.
    expect(await createSettingsRepository(database.db).get('demo')).toBeUndefined();
  });

  it('refuses to seed a database that already has regions', async () => {
    const database = await freshDatabase();
    await seed(database, { scale: 'street', households: 20, cipher });
    const again = seed(database, { scale: 'street', households: 20, cipher });
    await expect(again).rejects.toThrow(/already has regions/);
    await expect(again).rejects.toBeInstanceOf(SeedError);
    await expect(seed(database, { scale: 'street', households: -1, cipher })).rejects.toBeInstanceOf(
      SeedError,
    );
  });

  it('leaves the database empty when seeding the demo fails half-way, so the next start seeds it again', async () => {
    const database = await freshDatabase();
    let calls = 0;
    const failing = {
      ...cipher,
      encrypt(plain: string) {
        if (++calls > 500) throw new Error('disk full');
        return cipher.encrypt(plain);
      },
    };
    await expect(seed(database, { scale: 'demo', households: 300, cipher: failing })).rejects.toThrow(
      'disk full',
    );
    const regions = await database.db.selectFrom('region').select('id').execute();
    expect(regions).toEqual([]);
    await seed(database, { scale: 'demo', households: 20, cipher });
  });

  it('marks demo data as demo', async () => {
    const database = await freshDatabase();
    const summary = await seed(database, { scale: 'demo', households: 50, cipher });
    expect(summary.counts.household).toBe(50);
    expect(await createSettingsRepository(database.db).get('demo')).toBe(true);
  });

  it('gives byte-identical data for the same seed', async () => {
    const [a, b, c] = await Promise.all([freshDatabase(), freshDatabase(), freshDatabase()]);
    await seed(a, { scale: 'street', households: 300, seed: 99, cipher });
    await seed(b, { scale: 'street', households: 300, seed: 99, cipher });
    await seed(c, { scale: 'street', households: 300, seed: 100, cipher });
    const [dumpA, dumpB, dumpC] = await Promise.all([dump(a), dump(b), dump(c)]);
    for (const table of ['region', 'household', 'person', 'enterprise', 'staff'] as const) {
      expect(comparable(dumpB[table]), table).toEqual(comparable(dumpA[table]));
    }
    expect(comparable(dumpC.person)).not.toEqual(comparable(dumpA.person));
  });
});
