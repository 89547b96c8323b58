import type { MessageTree } from '../messages.ts';

/** Enterprise pages, writes and liaison (陪跑员) assignment. */
export const enterpriseAdminZh = {
  enterpriseAdmin: {
    title: '企业',
  },
} as const;

export const enterpriseAdminEn: MessageTree<typeof enterpriseAdminZh> = {
  enterpriseAdmin: {
    title: 'Enterprises',
  },
};
