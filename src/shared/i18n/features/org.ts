import type { MessageTree } from '../messages.ts';

/** Hierarchy editing, departments and case categories. */
export const orgZh = {
  org: {
    title: '组织机构',
  },
} as const;

export const orgEn: MessageTree<typeof orgZh> = {
  org: {
    title: 'Organisation',
  },
};
