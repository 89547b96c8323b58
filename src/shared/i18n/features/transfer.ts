import type { MessageTree } from '../messages.ts';

/** Imports and exports through the web, and export approvals. */
export const transferZh = {
  transfer: {
    title: '导入导出',
  },
} as const;

export const transferEn: MessageTree<typeof transferZh> = {
  transfer: {
    title: 'Import and export',
  },
};
