import type { MessageTree } from '../messages.ts';

/** The administration area: accounts and the audit log. */
export const adminZh = {
  admin: {
    title: '系统管理',
    sections: {
      users: '账号管理',
      audit: '审计日志',
      departments: '部门',
      categories: '事项分类',
      tags: '标签',
      imports: '数据导入',
      exports: '数据导出',
    },
  },
} as const;

export const adminEn: MessageTree<typeof adminZh> = {
  admin: {
    title: 'Administration',
    sections: {
      users: 'Accounts',
      audit: 'Audit log',
      departments: 'Departments',
      categories: 'Case categories',
      tags: 'Tags',
      imports: 'Import',
      exports: 'Export',
    },
  },
};
