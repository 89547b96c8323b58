import type { MessageTree } from '../messages.ts';

/**
 * 数据晾晒 league tables: the page, the columns league.ts adds to the figures (the others are named
 * by features/figures.ts) and how each is counted.
 */
export const leagueZh = {
  league: {
    title: '数据晾晒',
    subtitle: '同级单位按考核期并列排名，与上期相比的名次变化；发布后表格冻结，范围内各单位均可查看。',
    region: '区域',
    kind: '晾晒对象',
    period: '考核期',
    publishedColumn: '发布情况',
    subjects: { places: '下级区域', units: '承办单位', cadres: '下沉干部' },
    periods: { month: '月度', quarter: '季度' },
    periodRange: '{{from}} 至 {{to}}',
    previous: '上期：{{from}} 至 {{to}}',
    rank: '排名',
    name: '名称',
    rankChange: '名次变化',
    newEntry: '新上榜',
    columns: {
      composite: {
        name: '综合得分',
        how: '覆盖率、当场解决占比、办结率、按时办结率、满意率中该单位有数据的各项的平均值，每项权重相同；都没有的排在最后。',
      },
      workers: { name: '网格员人数', how: '在该区域（含下级网格）有任职的在岗网格员人数。' },
      visitsPerWorker: { name: '人均走访', how: '本期走访次数 ÷ 网格员人数；下沉干部按一人计。' },
      onSpotShare: { name: '当场解决占比', how: '走访中当场解决的问题数 ÷ 走访中发现的问题数。' },
    },
    notApplicable: '—',
    publish: '发布本期晾晒表',
    publishAfterEnd: '本期结束后才能发布（发布后冻结，不能再发布同一期）',
    publishConfirm: '发布后表格将冻结（此后事项的变化不再影响它），并对范围内各单位公开。确认发布？',
    publishDone: '已发布',
    publishedList: '已发布的晾晒表',
    publishedBy: '{{name}} 发布于 {{at}}',
    download: '下载',
    open: '查看',
    live: '实时数据',
    frozen: '已发布（冻结）',
    backToLive: '返回实时数据',
    empty: '暂无数据',
    noPublished: '尚未发布晾晒表。发布后表格冻结，范围内各单位均可查看。',
    noneRegion: '没有可查看的区域',
  },
} as const;

export const leagueEn: MessageTree<typeof leagueZh> = {
  league: {
    title: 'League tables',
    subtitle:
      'Units of one level side by side for an assessment period, ranked, with the change in rank since the previous period; a published table is frozen and shown to every unit in scope.',
    region: 'Place',
    kind: 'Ranked',
    period: 'Period',
    publishedColumn: 'Published',
    subjects: { places: 'Places below', units: 'Handling units', cadres: 'Cadres sent down' },
    periods: { month: 'Month', quarter: 'Quarter' },
    periodRange: '{{from}} to {{to}}',
    previous: 'Previous: {{from}} to {{to}}',
    rank: 'Rank',
    name: 'Name',
    rankChange: 'Change',
    newEntry: 'New',
    columns: {
      composite: {
        name: 'Composite score',
        how: 'The mean of the rates the unit has among coverage, on-the-spot share, closure, on-time and satisfaction rates, each weighing the same; a unit with none of them ranks last.',
      },
      workers: {
        name: 'Grid workers',
        how: 'Active grid workers holding a post in the place (its grids included).',
      },
      visitsPerWorker: {
        name: 'Visits per worker',
        how: 'Visits in the period ÷ grid workers; a cadre sent down counts as one.',
      },
      onSpotShare: {
        name: 'On-the-spot share',
        how: 'Problems found on visits and solved on the spot ÷ problems found on visits.',
      },
    },
    notApplicable: '—',
    publish: "Publish this period's table",
    publishAfterEnd:
      'A table is published once its period has ended (a published table is frozen, once per period)',
    publishConfirm:
      'A published table is frozen (later changes to cases do not alter it) and shown to every unit in scope. Publish?',
    publishDone: 'Published',
    publishedList: 'Published tables',
    publishedBy: 'Published by {{name}} on {{at}}',
    download: 'Download',
    open: 'Open',
    live: 'Live figures',
    frozen: 'Published (frozen)',
    backToLive: 'Back to live figures',
    empty: 'No data',
    noPublished: 'No table published yet. A published table is frozen and shown to every unit in scope.',
    noneRegion: 'No place to show',
  },
};
