import type { MessageTree } from '../messages.ts';

/** Each role's home page: a handler's to-do, a dispatcher's queue, a worker's day and follow-ups. */
export const homeZh = {
  home: {
    subtitle: '我的工作台',
    sections: {
      todo: '我的待办',
      queue: '事项队列',
      visits: '今日走访',
      followUps: '待我回访',
    },
    todo: {
      toSign: '待签收',
      dueSoon: '即将超时',
      overdue: '已超时',
      reportsDue: '吹哨待报到',
      reportsLate: '其中已逾期 {{count}} 件',
      dueSoonHow: '下一时限在 8 小时内、尚未超时的待办。点开即是这些待办的列表。',
      sentBack: '答复被退回',
    },
    queue: {
      overdue: '已超时',
      dueSoon: '即将超时',
      dueSoonHow: '下一时限在 8 小时内、尚未超时的在办事项。点开即是这些事项的列表。',
    },
    visits: {
      recordedToday: '今日已走访',
      plannedToday: '今日应走访',
      nextDay: '下一走访日 {{day}} 应走访',
      keyDue: '其中重点户',
      quota: {
        week: '本周走访任务',
        month: '本月走访任务',
        quarter: '本季度走访任务',
        year: '本年走访任务',
      },
      nightQuota: '夜访任务',
      openField: '开始走访',
    },
    followUps: {
      toReview: '待审核答复',
      toRate: '待回访评价',
      mine: '我登记的在办事项',
      none: '没有待我回访的事项。',
    },
  },
} as const;

export const homeEn: MessageTree<typeof homeZh> = {
  home: {
    subtitle: 'My work',
    sections: {
      todo: 'My to-do',
      queue: 'Case queue',
      visits: 'Visits today',
      followUps: 'Follow-ups I owe',
    },
    todo: {
      toSign: 'To sign for',
      dueSoon: 'Due soon',
      overdue: 'Overdue',
      reportsDue: 'Whistle reports due',
      reportsLate: '{{count}} of them late',
      dueSoonHow:
        'To-dos whose next deadline is within 8 hours and not yet passed. It opens the list of exactly these.',
      sentBack: 'Replies sent back',
    },
    queue: {
      overdue: 'Overdue',
      dueSoon: 'Due soon',
      dueSoonHow:
        'Open cases whose next deadline is within 8 hours and not yet passed. It opens the list of exactly these.',
    },
    visits: {
      recordedToday: 'Visited today',
      plannedToday: 'To visit today',
      nextDay: 'To visit on the next visit day, {{day}}',
      keyDue: 'Of them key households',
      quota: {
        week: 'Visits this week',
        month: 'Visits this month',
        quarter: 'Visits this quarter',
        year: 'Visits this year',
      },
      nightQuota: 'Night visits',
      openField: 'Start visiting',
    },
    followUps: {
      toReview: 'Replies to review',
      toRate: 'Follow-ups to rate',
      mine: 'My open cases',
      none: 'No follow-ups owed.',
    },
  },
};
