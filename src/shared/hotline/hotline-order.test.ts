import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CST_OFFSET_MS, cstDayAfter } from '../time/china-time.ts';
import {
  hotlineTitle,
  matchCategory,
  matchPlace,
  type NamedPlace,
  parsePlatformTime,
} from './hotline-order.ts';

/** An instant as the platform prints it: China wall-clock time, `YYYY-MM-DD HH:mm:ss`. */
const wallClock = (instant: Date) =>
  new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

const instants = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));

describe('the platform’s times', () => {
  it('reads a China wall-clock time back as the instant it names, in any of the platforms’ spellings', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom('-', '/'), (instant, sep) => {
        const text = wallClock(instant).replaceAll('-', sep);
        expect(parsePlatformTime(text)).toEqual(instant);
      }),
    );
  });

  it('takes a date alone as the start of that day, or with endOfDay as its last second', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const day = wallClock(instant).slice(0, 10);
        expect(parsePlatformTime(day, true)).toEqual(new Date(cstDayAfter(day).getTime() - 1000));
        expect(parsePlatformTime(day)?.getTime()).toBe(cstDayAfter(day).getTime() - 86_400_000);
      }),
    );
  });

  it('honours an explicit zone and refuses what is no time', () => {
    expect(parsePlatformTime('2026-12-01T09:30:00+08:00')).toEqual(new Date('2026-12-01T01:30:00Z'));
    expect(parsePlatformTime('2026年12月1日 09:30')).toEqual(new Date('2026-12-01T01:30:00Z'));
    for (const bad of ['', '明天', '2026-02-30', '2026-13-01 10:00', '2026-12-01 24:00']) {
      expect(parsePlatformTime(bad), bad).toBeNull();
    }
  });
});

describe('routing an order', () => {
  const categories = [
    { id: 'c1', name: '城市管理' },
    { id: 'c2', name: '市容环境' },
    { id: 'o1', name: '其他' },
    { id: 'o2', name: '其他' },
  ];

  it('takes the most specific segment naming exactly one category, else none', () => {
    expect(matchCategory('城市管理/市容环境', categories)).toBe('c2');
    expect(matchCategory('12345 > 城市管理 > 违章搭建', categories)).toBe('c1');
    expect(matchCategory('城市管理-其他', categories)).toBe('c1');
    expect(matchCategory('交通出行', categories)).toBeNull();
  });

  const places: NamedPlace[] = [
    { regionId: 's1', path: '330109.001', name: '文新街道' },
    { regionId: 'm1', path: '330109.001.001', name: '文新社区' },
    { regionId: 'g1', path: '330109.001.001.01', name: '第一网格' },
    { regionId: 'm2', path: '330109.001.002', name: '古荡社区' },
    { regionId: 'g2', path: '330109.001.002.01', name: '第一网格' },
    { regionId: 'g2', path: '330109.001.002.01', name: '嘉绿苑' },
  ];

  it('picks the deepest place on the line the address names', () => {
    expect(matchPlace('文新街道古荡社区第一网格 12 号', places)?.regionId).toBe('g2');
    expect(matchPlace('嘉绿苑 3 幢', places)?.regionId).toBe('g2');
    expect(matchPlace('文新社区附近', places)?.regionId).toBe('m1');
    expect(matchPlace('火星路 1 号', places)).toBeNull();
  });

  it('leaves an ambiguous name at the place the address also names above it, else unrouted', () => {
    expect(matchPlace('文新街道第一网格', places)?.regionId).toBe('s1');
    expect(matchPlace('第一网格', places)).toBeNull();
  });

  it('finds a place the address names, and the grid when its community is named with it', () => {
    const noise = fc.constantFrom('路', '号', ' ', '1', '东门');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...places.map((p) => p.name)), noise), { maxLength: 8 }),
        fc.constantFrom(['古荡社区', '第一网格', 'g2'], ['文新社区', '第一网格', 'g1'], ['嘉绿苑', 'g2']),
        (parts, line) => {
          const free = parts.join('');
          const found = matchPlace(free, places);
          if (found) expect(free.replace(/\s+/g, '')).toContain(found.name);
          const names = line.slice(0, -1);
          const only = matchPlace([...names, '路'].join(' '), places);
          expect(only?.regionId).toBe(line.at(-1));
        },
      ),
    );
  });
});

describe('a case title', () => {
  it('is the first sentence, never longer than a title may be', () => {
    expect(hotlineTitle('路灯坏了。晚上很黑')).toBe('路灯坏了');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), (s) => {
        const title = hotlineTitle(s);
        expect(title.length).toBeGreaterThan(0);
        expect(title.length).toBeLessThanOrEqual(100);
      }),
    );
  });
});
