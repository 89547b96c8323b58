import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../time/china-time.ts';
import {
  clusterScores,
  cosine,
  DEFAULT_RECURRING_OPTIONS,
  detectRecurringProblems,
  pairScores,
  type RecurringCaseFact,
  recurringCategoryRanking,
  textTokens,
  weightedVectors,
} from './recurring-problems.ts';

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
  };
}

// Everyday complaints by category: the background residents raise everywhere.
const BACKGROUND: Record<string, readonly string[]> = {
  urban: ['垃圾清运不及时', '路灯损坏不亮', '窨井盖缺失', '占道经营', '违章搭建'],
  env: ['餐馆油烟扰民', '夜间施工噪声', '河道有异味', '工地扬尘严重'],
  housing: ['物业服务不到位', '楼道漏水', '外墙脱落', '加装电梯协调'],
  transport: ['公交站台损坏', '乱停车', '道路坑洼积水', '红绿灯故障'],
  welfare: ['低保申请咨询', '高龄补贴未到账', '居家养老服务申请'],
  security: ['治安隐患', '电信诈骗求助', '电动车乱停放'],
};
// The persistent problems planted: words of the problem, said differently each time.
const PLANTED: readonly { category: string; words: readonly string[] }[] = [
  { category: 'housing', words: ['电梯', '故障', '困人', '停运'] },
  { category: 'env', words: ['烧烤', '油烟', '熏人', '夜宵摊'] },
  { category: 'urban', words: ['菜场', '垃圾', '堆积', '臭味'] },
  { category: 'transport', words: ['学校门口', '拥堵', '接送', '堵车'] },
  { category: 'housing', words: ['地下室', '渗水', '积水', '潮湿'] },
  { category: 'security', words: ['充电', '飞线', '电瓶车', '楼道'] },
  { category: 'env', words: ['广场舞', '音响', '噪音', '扰民'] },
  { category: 'urban', words: ['共享单车', '堆放', '人行道', '占用'] },
  { category: 'welfare', words: ['助餐', '老年食堂', '排队', '饭菜'] },
  { category: 'transport', words: ['路口', '红灯', '行人', '抢行'] },
  { category: 'env', words: ['污水', '外溢', '化粪池', '冒出'] },
  { category: 'urban', words: ['流浪狗', '伤人', '狗', '成群'] },
];
const FILLER = [
  '希望尽快处理',
  '居民意见很大',
  '多次反映',
  '影响正常生活',
  '请相关部门核实',
  '存在安全隐患',
  '',
];

interface Scenario {
  cases: RecurringCaseFact[];
  truth: string[][];
}

/**
 * A district of 60 grids over half a year: `noise` background cases anywhere, and the planted
 * problems, each 3–7 cases in one grid and category over 3–10 weeks, worded differently each time
 * and wrapped in the same stock phrases as everything else. The truth is every latent problem (a
 * grid, a category and one complaint) with at least 3 cases over at least 14 days — the planted
 * ones and any the background produced by chance.
 */
function scenario(seed: number, noise = 500): Scenario {
  const r = rng(seed);
  const grids = Array.from({ length: 60 }, (_, i) => ({
    path: `330109.001.${String(1 + Math.floor(i / 6)).padStart(3, '0')}.G${String(i).padStart(2, '0')}`,
    community: `${['湘湖', '城厢', '北干', '蜀山', '新塘'][Math.floor(i / 12)]}${['社区', '村'][i % 2]}`,
  }));
  const start = '2026-05-01';
  const cases: RecurringCaseFact[] = [];
  const latent = new Map<string, { ids: string[]; days: string[] }>();
  const add = (
    problem: string,
    grid: (typeof grids)[number],
    category: string,
    text: string,
    day: string,
  ) => {
    const id = `c${String(cases.length).padStart(4, '0')}`;
    const filler = r.pick(FILLER);
    cases.push({
      id,
      number: id,
      title: `${grid.community}${text}`.slice(0, 40),
      description: `${grid.community}${1 + r.int(40)}幢${1 + r.int(4)}单元${text}，${filler}`,
      categoryId: category,
      regionPath: grid.path,
      estate: null,
      createdDay: day,
      state: r.next() < 0.8 ? 'closed' : 'dispatched',
      reopenCount: 0,
      ageDays: 5,
      placeNames: [grid.community],
    });
    const l = latent.get(problem) ?? { ids: [], days: [] };
    l.ids.push(id);
    l.days.push(day);
    latent.set(problem, l);
  };
  const categories = Object.keys(BACKGROUND);
  for (let i = 0; i < noise; i++) {
    const grid = r.pick(grids);
    const category = r.pick(categories);
    const phrase = r.pick(BACKGROUND[category] as readonly string[]);
    add(`bg|${grid.path}|${category}|${phrase}`, grid, category, phrase, addDays(start, r.int(180)));
  }
  PLANTED.forEach((p, n) => {
    const grid = r.pick(grids);
    const size = 3 + r.int(5);
    const first = r.int(100);
    const weeks = 3 + r.int(8);
    for (let k = 0; k < size; k++) {
      // Two to four of the problem's words, in any order, with a word of its own now and then.
      const words = [...p.words].sort(() => r.next() - 0.5).slice(0, 2 + r.int(3));
      const text = `${words.join(r.pick(['', '，', '又', '还是']))}${r.pick(['的问题', '', '，没人管', '严重'])}`;
      const day = addDays(start, first + (k === size - 1 ? weeks * 7 : r.int(weeks * 7)));
      add(`planted|${n}`, grid, p.category, text, day);
    }
  });
  const dayNo = (d: string) => Date.parse(d) / 86_400_000;
  const truth = [...latent.values()]
    .filter((l) => l.ids.length >= 3 && Math.max(...l.days.map(dayNo)) - Math.min(...l.days.map(dayNo)) >= 14)
    .map((l) => l.ids);
  return { cases, truth };
}

const clustersOf = (cases: RecurringCaseFact[], options = DEFAULT_RECURRING_OPTIONS) =>
  detectRecurringProblems(cases, options)
    .filter((p) => p.kind === 'recurring')
    .map((p) => p.caseIds);

describe('text tokens', () => {
  it('cuts CJK runs into bigrams and leaves out numbers, punctuation and place names', () => {
    expect(textTokens('湘湖社区3幢电梯故障！', ['湘湖社区'])).toEqual(['幢电', '电梯', '梯故', '故障']);
    expect(textTokens('WiFi 坏了')).toEqual(['wifi', '坏了']);
  });

  it('scores a text as alike itself and unlike a text with nothing in common', () => {
    const { vectors } = weightedVectors([
      textTokens('电梯故障困人'),
      textTokens('电梯故障困人'),
      textTokens('广场舞噪音'),
    ]);
    expect(cosine(vectors[0] as never, vectors[1] as never)).toBeCloseTo(1, 6);
    expect(cosine(vectors[0] as never, vectors[2] as never)).toBe(0);
  });
});

describe('the recurring-problem detector on a planted scenario', () => {
  it('finds the planted clusters among noise (recall and precision floors, several seeds)', () => {
    for (const seed of [1, 2, 3]) {
      const { cases, truth } = scenario(seed);
      const found = clustersOf(cases);
      const byCluster = clusterScores(found, truth);
      const byPair = pairScores(found, truth);
      expect(byCluster.recall).toBeGreaterThanOrEqual(0.8);
      expect(byCluster.precision).toBeGreaterThanOrEqual(0.7);
      expect(byPair.recall).toBeGreaterThanOrEqual(0.7);
      expect(byPair.precision).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('finds nothing recurring when the same complaints come from different grids or within days', () => {
    const base = scenario(9, 0).cases;
    // The same planted texts, each case in a grid of its own.
    const spread = base.map((c, i) => ({ ...c, regionPath: `330109.001.009.X${i}` }));
    expect(clustersOf(spread)).toEqual([]);
    // The same cases all on one day.
    const burst = base.map((c) => ({ ...c, createdDay: '2026-06-01' }));
    expect(clustersOf(burst)).toEqual([]);
  });

  it('puts a case in at most one proposal and ranks highest first', () => {
    const { cases } = scenario(4);
    const withStubborn = cases.map((c, i) =>
      i % 50 === 0
        ? { ...c, state: 'reopened', reopenCount: 1 }
        : i % 77 === 0
          ? { ...c, state: 'dispatched', ageDays: 90 }
          : c,
    );
    const proposals = detectRecurringProblems(withStubborn);
    const ids = proposals.flatMap((p) => p.caseIds);
    expect(new Set(ids).size).toBe(ids.length);
    expect(proposals.some((p) => p.kind === 'reopened')).toBe(true);
    expect(proposals.some((p) => p.kind === 'long_running')).toBe(true);
    for (let i = 1; i < proposals.length; i++)
      expect((proposals[i - 1] as { score: number }).score).toBeGreaterThanOrEqual(
        (proposals[i] as { score: number }).score,
      );
  });

  it('ranks the categories by their recurring clusters', () => {
    const { cases } = scenario(5);
    const ranking = recurringCategoryRanking(cases);
    const clusters = detectRecurringProblems(cases).filter((p) => p.kind === 'recurring');
    expect(ranking.reduce((s, r) => s + r.clusters, 0)).toBe(clusters.length);
    for (let i = 1; i < ranking.length; i++) {
      const [a, b] = [ranking[i - 1], ranking[i]] as [(typeof ranking)[0], (typeof ranking)[0]];
      expect(a.clusters > b.clusters || (a.clusters === b.clusters && a.cases >= b.cases)).toBe(true);
      expect(b.rank).toBeGreaterThanOrEqual(a.rank);
    }
  });

  it('does not depend on the order the cases are read in', () => {
    const { cases } = scenario(6, 150);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: cases.length, maxLength: cases.length }), (keys) => {
        const shuffled = cases
          .map((c, i) => ({ c, k: keys[i] ?? 0 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.c);
        const sort = (xs: string[][]) => xs.map((x) => x.join(',')).sort();
        expect(sort(clustersOf(shuffled))).toEqual(sort(clustersOf(cases)));
      }),
      { numRuns: 5 },
    );
  });
});

/** The scenario, measured: for the report (run with MEASURE_RECURRING=1). */
function measurePlanted(seeds: readonly number[] = [1, 2, 3, 4, 5], options = DEFAULT_RECURRING_OPTIONS) {
  return seeds.map((seed) => {
    const { cases, truth } = scenario(seed);
    const found = clustersOf(cases, options);
    return {
      seed,
      cases: cases.length,
      truth: truth.length,
      found: found.length,
      ...clusterScores(found, truth),
      pairs: pairScores(found, truth),
      options: DEFAULT_RECURRING_OPTIONS,
    };
  });
}

if (process.env.MEASURE_RECURRING)
  for (const similarity of [0.2, 0.25, 0.3]) {
    // Held-out seeds: the threshold was chosen on seeds 1–8.
    const rows = measurePlanted(
      Array.from({ length: 20 }, (_, i) => 100 + i),
      { ...DEFAULT_RECURRING_OPTIONS, similarity },
    );
    const sum = (f: (r: (typeof rows)[0]) => number) => rows.reduce((s, r) => s + f(r), 0);
    console.log(
      similarity,
      'truth',
      sum((r) => r.truth),
      'found',
      sum((r) => r.found),
      'clusters P',
      sum((r) => r.matched) / sum((r) => r.found),
      'R',
      sum((r) => r.matched) / sum((r) => r.truth),
      'pairs P',
      sum((r) => r.pairs.agreed) / sum((r) => r.pairs.foundPairs),
      'R',
      sum((r) => r.pairs.agreed) / sum((r) => r.pairs.truePairs),
    );
  }
