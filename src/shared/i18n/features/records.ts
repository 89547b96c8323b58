import type { MessageTree } from '../messages.ts';

/** Household and member writes, tag lists, key households (五个要, 一户一策). */
export const recordsZh = {
  records: {
    title: '住户档案',
  },
} as const;

export const recordsEn: MessageTree<typeof recordsZh> = {
  records: {
    title: 'Household records',
  },
};
