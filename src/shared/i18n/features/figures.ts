import type { MessageTree } from '../messages.ts';

/**
 * Every figure's name and exactly how it is counted (the tooltip beside each number), in the
 * words of docs/specs/workflow.md "Figures" and shared/figures/. Keys are the fields of
 * `CaseFigures` and `VisitFigures`; figures.test.ts fails when one has no text.
 */
export const figuresZh = {
  figures: {
    title: '主要指标',
    periods: { week: '本周', month: '本月', quarter: '本季度', year: '本年', custom: '自定义' },
    customRange: '自定义时段（北京时间，首尾两天均计入）',
    province: {
      title: '全省概览',
      subtitle: '各区县本期的主要指标，来自各区县的指标汇总；全省的比率由合计数算出，不是各区县比率的平均。',
      district: '区县',
      total: '全省合计',
      empty: '还没有区县的数据。',
    },
    rules: {
      title: '评估口径',
      line: '考核月：{{month}}；基本满意按{{weight}}计；{{ratings}}',
      calendarMonth: '自然月',
      shiftedMonth: '每月{{start}}日至次月{{end}}日',
      ratings: { all: '计入全部评价', valid_follow_up: '仅计入有效回访的评价' },
      edit: '修改口径',
      monthStartDay: '考核月起始日（1–28）',
      weight: '“基本满意”折算（0–1）',
      ratingsLabel: '计入的评价',
      save: '保存',
      cancel: '取消',
      saved: '评估口径已更新；已发布的晾晒表不变。',
    },
    cases: '民情事项（本期登记）',
    visits: '走访（本期开始）',
    change: '较上期 {{change}}',
    board: {
      byPlace: '分区域',
      trend: '每日趋势',
      byCategory: '分类别',
      byUnit: '分承办单位',
      leastSatisfied: '群众最不满意的10件事',
      noneUnsatisfied: '本期没有不满意的评价。',
      noUnit: '尚未指派',
      noCategory: '未分类',
      name: '名称',
      print: '打印',
      drillHint: '点击区域名称查看下级',
      empty: '本期暂无数据',
    },
    defs: {
      received: { name: '受理量', how: '本期新登记的事项数（按登记日期，北京时间）。' },
      receivedByChannel: { name: '各渠道受理量', how: '本期新登记的事项按来源渠道分别计数。' },
      onSpot: { name: '即知即办', how: '本期登记的事项中，由调度员或走访人员当场解决的件数。' },
      closed: { name: '办结', how: '本期登记的事项中，已销号的件数。' },
      reopened: { name: '复号', how: '本期登记的事项中，因群众不满意而重新办理过的件数。' },
      overdue: { name: '超期', how: '本期登记的事项中，有任一时限超期的件数（办结后仍保留超期标记）。' },
      reminders: { name: '催办', how: '本期登记的事项因时限超期发出的催办次数。' },
      supervised: { name: '督办', how: '本期登记的事项中，超期后仍未办理而被督办的件数。' },
      passedToStreet: { name: '上报街道', how: '在社区受理、后来上报到街道（或更高一级）的事项数。' },
      passedToDistrict: { name: '上报区级', how: '在区级以下受理、后来上报到区级的事项数。' },
      whistled: { name: '吹哨', how: '至少吹哨召集过一次部门的事项数。' },
      unsatisfied: { name: '不满意', how: '本期登记的事项中，最近一次评价为不满意的件数（口径同满意率）。' },
      closureRate: {
        name: '办结率',
        how: '办结件数 ÷（受理量 − 不予受理 − 并案 − 撤销）；没有可计算的事项时不显示。',
      },
      onTimeRate: { name: '按时办结率', how: '办结且没有任何时限超期的件数 ÷ 办结件数。' },
      satisfactionRate: {
        name: '满意率',
        how: '（满意 + 基本满意 × 折算系数）÷ 已评价件数，按每件事项的最近一次评价；系数和是否只计有效回访按考核口径设置。',
      },
      responseRate: {
        name: '响应率',
        how: '承办单位在先行联系时限内联系或答复群众的件数 ÷ 需要先行联系的件数；未联系群众即上报的，由接手单位的联系计算。',
      },
      solutionRate: { name: '解决率', how: '群众表示问题已解决的件数 ÷ 回访时询问过是否解决的件数。' },
      handlingDaysAverage: {
        name: '平均办理时长',
        how: '已办结事项从受理到销号的工作日数（按工作时间和法定节假日计算）的平均值。',
      },
      handlingDaysP90: {
        name: '办理时长（90%）',
        how: '九成已办结事项的办理时长不超过这个工作日数（取整到整个工作日）。',
      },
      visits: { name: '走访次数', how: '本期开始的走访、座谈和驻点收集次数（按开始日期，北京时间）。' },
      householdVisits: { name: '入户走访', how: '本期走访住户的次数（同一户走访两次计两次）。' },
      enterpriseVisits: { name: '走访企业', how: '本期走访企业的次数。' },
      forumAndCollectionVisits: { name: '座谈会和驻点收集', how: '本期召开座谈会和驻点收集的次数。' },
      dayVisits: { name: '日访', how: '不在夜访时段内开始的走访次数。' },
      nightVisits: { name: '夜访', how: '在本区设定的夜访时段内开始的走访次数。' },
      byForm: { name: '各走访形式', how: '本期走访按走访形式（日常走访、值班夜访、座谈会等）分别计数。' },
      byLeaderOrCadre: { name: '领导和下沉干部走访', how: '有领导或下沉干部参加（记录或同行）的走访次数。' },
      problemsFound: { name: '发现问题', how: '本期走访中登记的问题数，含当场解决的。' },
      solvedOnSpot: { name: '当场解决', how: '走访中登记、当场解决（即知即办）的问题数。' },
      opinionsCollected: { name: '收集意见建议', how: '走访和座谈中记录的意见建议条数，与问题分开统计。' },
      attendance: { name: '座谈参与人数', how: '座谈会和驻点收集登记的到场人数之和。' },
      aidDelivered: {
        name: '帮扶金额（元）',
        how: '本期走访在服务项目上登记的帮扶金额（慰问金、物资折价）之和，按走访开始日计，单位元，保留两位小数；未填金额的服务不计。',
      },
      householdsCovered: {
        name: '走访覆盖户数',
        how: '范围内本期至少走访过一次的住户数（走访多次只计一户）。',
      },
      enterprisesCovered: { name: '走访覆盖企业数', how: '范围内本期至少走访过一次的企业数。' },
      householdCoveragePercent: {
        name: '住户走访覆盖率',
        how: '走访覆盖户数 ÷ 范围内住户数，取整数百分比并向下取整；范围内没有住户时为 100%。',
      },
      enterpriseCoveragePercent: {
        name: '企业走访覆盖率',
        how: '走访覆盖企业数 ÷ 范围内企业数，取整数百分比并向下取整；范围内没有企业时为 100%。',
      },
    },
  },
} as const;

export const figuresEn: MessageTree<typeof figuresZh> = {
  figures: {
    title: 'Headline figures',
    periods: {
      week: 'This week',
      month: 'This month',
      quarter: 'This quarter',
      year: 'This year',
      custom: 'Custom',
    },
    customRange: 'Custom range (Beijing days, first and last both counted)',
    province: {
      title: 'Province overview',
      subtitle:
        "Each district's headline figures for the period, from its kept totals; the province's rates come from the summed counts, not from averaging the districts' rates.",
      district: 'District',
      total: 'Province',
      empty: 'No district has figures yet.',
    },
    rules: {
      title: 'Assessment rules',
      line: 'Assessment month: {{month}}; "basically satisfied" counts as {{weight}}; {{ratings}}',
      calendarMonth: 'the calendar month',
      shiftedMonth: 'day {{start}} of a month to day {{end}} of the next',
      ratings: { all: 'every rating counts', valid_follow_up: 'only ratings from a valid follow-up count' },
      edit: 'Change the rules',
      monthStartDay: 'Assessment month starts on day (1–28)',
      weight: '"Basically satisfied" counts as (0–1)',
      ratingsLabel: 'Ratings counted',
      save: 'Save',
      cancel: 'Cancel',
      saved: 'Assessment rules updated; published league tables stay as they were.',
    },
    cases: 'Cases (recorded in the period)',
    visits: 'Visits (started in the period)',
    change: '{{change}} on the previous period',
    board: {
      byPlace: 'By place',
      trend: 'Day by day',
      byCategory: 'By category',
      byUnit: 'By handling unit',
      leastSatisfied: 'The ten things residents are least satisfied with',
      noneUnsatisfied: 'No unsatisfied ratings in this period.',
      noUnit: 'Not assigned yet',
      noCategory: 'No category',
      name: 'Name',
      print: 'Print',
      drillHint: 'Click a place to see the places below it',
      empty: 'Nothing in this period',
    },
    defs: {
      received: {
        name: 'Received',
        how: 'Cases recorded in the period (by the day recorded, Beijing time).',
      },
      receivedByChannel: {
        name: 'Received by channel',
        how: 'Cases recorded in the period, counted per channel.',
      },
      onSpot: {
        name: 'Solved on the spot',
        how: 'Of the cases recorded in the period, those a dispatcher or a visiting worker solved on the spot.',
      },
      closed: { name: 'Closed', how: 'Of the cases recorded in the period, those closed.' },
      reopened: {
        name: 'Re-handled',
        how: 'Of the cases recorded in the period, those handled again after an unsatisfied rating.',
      },
      overdue: {
        name: 'Overdue',
        how: 'Of the cases recorded in the period, those that missed any deadline (closed cases keep the mark).',
      },
      reminders: {
        name: 'Reminders',
        how: 'Reminders (催办) sent on missed deadlines of the cases recorded in the period.',
      },
      supervised: {
        name: 'Supervised',
        how: 'Of the cases recorded in the period, those put under supervision (督办) after a missed deadline.',
      },
      passedToStreet: {
        name: 'Passed to the street',
        how: 'Cases taken in at the community that were escalated to the street (or higher).',
      },
      passedToDistrict: {
        name: 'Passed to the district',
        how: 'Cases taken in below the district that were escalated to the district.',
      },
      whistled: { name: 'Whistled', how: 'Cases that summoned departments (吹哨) at least once.' },
      unsatisfied: {
        name: 'Unsatisfied',
        how: 'Cases of the period whose latest rating is unsatisfied (counted as the satisfaction rate counts).',
      },
      closureRate: {
        name: 'Closure rate',
        how: 'Closed ÷ (received − rejected − merged − cancelled); not shown when nothing divides.',
      },
      onTimeRate: { name: 'On-time rate', how: 'Closed without any missed deadline ÷ closed.' },
      satisfactionRate: {
        name: 'Satisfaction rate',
        how: "(satisfied + basically satisfied × its weight) ÷ rated, by each case's latest rating; the weight and whether only valid follow-ups count are the assessment's settings.",
      },
      responseRate: {
        name: 'Response rate',
        how: "Cases whose handling unit contacted or answered the reporter within the first-contact deadline ÷ cases that needed a first contact; a case passed up before any contact counts by the next unit's contact.",
      },
      solutionRate: {
        name: 'Solution rate',
        how: 'Cases the reporter said were solved ÷ cases where the follow-up asked.',
      },
      handlingDaysAverage: {
        name: 'Average handling time',
        how: 'Working days (office time, public holidays off) from acceptance to closing, averaged over the closed cases.',
      },
      handlingDaysP90: {
        name: 'Handling time (90 %)',
        how: 'Nine in ten closed cases took at most this many working days (rounded up to whole days).',
      },
      visits: {
        name: 'Visits',
        how: 'Visits, forums and collection points started in the period (by the day started, Beijing time).',
      },
      householdVisits: {
        name: 'Household visits',
        how: 'Visits to households in the period (a household visited twice counts twice).',
      },
      enterpriseVisits: { name: 'Enterprise visits', how: 'Visits to enterprises in the period.' },
      forumAndCollectionVisits: {
        name: 'Forums and collection points',
        how: 'Forums (座谈会) and collection points (驻点收集) held in the period.',
      },
      dayVisits: { name: 'Day visits', how: "Visits not started within the district's night window." },
      nightVisits: { name: 'Night visits', how: "Visits started within the district's night window." },
      byForm: {
        name: 'Visits by form',
        how: 'Visits in the period counted per form (routine, night duty, forum …).',
      },
      byLeaderOrCadre: {
        name: 'Visits by leaders and cadres sent down',
        how: 'Visits a leader or a cadre sent down took part in (recording it or as a companion).',
      },
      problemsFound: {
        name: 'Problems found',
        how: 'Problems recorded on visits in the period, those solved on the spot included.',
      },
      solvedOnSpot: {
        name: 'Solved on the spot (visits)',
        how: 'Problems recorded on visits and solved on the spot (即知即办).',
      },
      opinionsCollected: {
        name: 'Opinions collected',
        how: 'Opinions and suggestions recorded on visits and forums, counted apart from problems.',
      },
      attendance: {
        name: 'Forum attendance',
        how: 'People present at forums and collection points, added up.',
      },
      aidDelivered: {
        name: 'Aid delivered (yuan)',
        how: 'Amounts recorded on the services of visits started in the period (cash aid, goods at their value), added up in yuan to the fen; services without an amount add nothing.',
      },
      householdsCovered: {
        name: 'Households covered',
        how: 'Households in scope visited at least once in the period (however often, once).',
      },
      enterprisesCovered: {
        name: 'Enterprises covered',
        how: 'Enterprises in scope visited at least once in the period.',
      },
      householdCoveragePercent: {
        name: 'Household coverage',
        how: 'Households covered ÷ households in scope, in whole per cent rounded down; 100 % when none is in scope.',
      },
      enterpriseCoveragePercent: {
        name: 'Enterprise coverage',
        how: 'Enterprises covered ÷ enterprises in scope, in whole per cent rounded down; 100 % when none is in scope.',
      },
    },
  },
};
