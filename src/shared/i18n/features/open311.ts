import type { MessageTree } from '../messages.ts';

/** The system administrator's Open311 clients (issue 15 §3): list, issue a key shown once, revoke. */
export const open311Zh = {
  open311: {
    title: 'Open311 接口',
    subtitle:
      '为对接的外部系统发放接口密钥，它们可按 Open311 GeoReport v2 标准提交诉求（地址 /open311/v2/）。密钥只在发放时显示一次，随时可以吊销。',
    create: '发放密钥',
    name: '客户端名称',
    nameRequired: '请输入客户端名称',
    namePlaceholder: '例如：市民通 App',
    createdAt: '发放时间',
    createdBy: '发放人',
    lastUsedAt: '最近使用',
    never: '从未使用',
    state: '状态',
    active: '有效',
    revoked: '已吊销',
    actions: '操作',
    revoke: '吊销',
    revokeConfirm: '吊销后该客户端立即无法再提交诉求，且不能恢复。确定吊销？',
    revokedDone: '已吊销 {{name}} 的密钥',
    issue: '发放',
    cancel: '取消',
    issuedTitle: '{{name}} 的接口密钥',
    issuedNote: '请立即复制并安全地交给对方：关闭此窗口后无法再次查看，遗失只能吊销后重新发放。',
    close: '我已保存密钥',
    empty: '尚未发放任何密钥',
  },
};

export const open311En: MessageTree<typeof open311Zh> = {
  open311: {
    title: 'Open311 API',
    subtitle:
      'Issue API keys to the outside systems that send service requests in by the Open311 GeoReport v2 standard (at /open311/v2/). A key is shown once, when it is issued, and can be revoked at any time.',
    create: 'Issue a key',
    name: 'Client name',
    nameRequired: 'Enter the client name',
    namePlaceholder: 'e.g. Citizen app',
    createdAt: 'Issued',
    createdBy: 'Issued by',
    lastUsedAt: 'Last used',
    never: 'Never',
    state: 'Status',
    active: 'Active',
    revoked: 'Revoked',
    actions: 'Actions',
    revoke: 'Revoke',
    revokeConfirm: 'Once revoked, the client can send no more requests, and this cannot be undone. Revoke?',
    revokedDone: "Revoked {{name}}'s key",
    issue: 'Issue',
    cancel: 'Cancel',
    issuedTitle: 'API key for {{name}}',
    issuedNote:
      'Copy it now and hand it over safely: it cannot be shown again once this window closes; a lost key can only be revoked and a new one issued.',
    close: 'I have saved the key',
    empty: 'No keys issued yet',
  },
};
