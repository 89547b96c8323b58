import type { MessageTree } from '../messages.ts';

/** Opinions and suggestions (意见建议) heard on visits: the list page and the visit forms' input. */
export const opinionsZh = {
  opinions: {
    title: '意见建议',
    subtitle: '走访和座谈中收集的意见建议，与发现的问题分开统计；需要办理的可转为事项。',
    when: '收集时间',
    place: '所在区域',
    text: '意见建议',
    category: '分类',
    recordedBy: '记录人',
    promoted: '已转事项',
    promote: '转为事项',
    promoteDone: '已转为事项 {{number}}',
    empty: '暂无意见建议',
    range: '第 {{from}}–{{to}} 条，共 {{total}} 条',
    page: '第 {{page}} / {{pages}} 页',
    previous: '上一页',
    next: '下一页',
    formLabel: '意见建议',
    formHelp: '每行一条；与需要办理的问题分开记录。',
  },
} as const;

export const opinionsEn: MessageTree<typeof opinionsZh> = {
  opinions: {
    title: 'Opinions and suggestions',
    subtitle:
      'Opinions heard on visits and at forums, counted apart from problems found; one that needs handling can become a case.',
    when: 'Collected',
    place: 'Region',
    text: 'Opinion or suggestion',
    category: 'Category',
    recordedBy: 'Recorded by',
    promoted: 'Case',
    promote: 'Make a case',
    promoteDone: 'Case {{number}} created',
    empty: 'No opinions yet',
    range: '{{from}}–{{to}} of {{total}}',
    page: 'Page {{page}} of {{pages}}',
    previous: 'Previous',
    next: 'Next',
    formLabel: 'Opinions and suggestions',
    formHelp: 'One per line; problems that need handling are recorded apart.',
  },
};
