import type { MessageTree } from './messages.ts';

/** The reference catalogue: every other language must have exactly these keys. */
export const zhCN = {
  app: {
    name: '民情',
    productName: '民情 MinQing',
    demoTag: '注意: 演示数据',
    demoTagShort: '演示数据',
    openMenu: '打开导航菜单',
    navigation: '导航',
    language: '界面语言',
    loading: '加载中…',
  },
  nav: {
    dashboard: '首页',
    regions: '区域',
    cases: '民情事项',
    visits: '走访',
    households: '住户与企业',
    figures: '统计',
    admin: '系统',
  },
  comingSoon: {
    title: '「{{module}}」模块即将上线',
    subtitle: '该功能正在建设中，上线后将在此处提供。',
    backHome: '返回首页',
  },
  notFound: {
    title: '页面不存在',
    subtitle: '找不到您要访问的页面，请检查地址或从导航进入。',
    backHome: '返回首页',
  },
  crash: {
    title: '页面出错了',
    subtitle: '此页面遇到意外错误，已自动报告。请刷新页面后重试。',
    reload: '刷新页面',
  },
  common: {
    retry: '重试',
    households: '住户',
    enterprises: '企业',
  },
  dashboard: {
    title: '首页',
    territory: '辖区',
    streets: '街道/乡镇',
    communities: '社区/村',
    grids: '网格',
    households: '住户',
    enterprises: '企业',
    noRegions: '尚未导入区域数据。',
  },
  regions: {
    title: '区域',
    subtitle: '辖区层级：区县、街道/乡镇、社区/村、网格、微网格。展开节点可查看下级区域。',
    counts: '住户 {{households, number}} · 企业 {{enterprises, number}}',
    empty: '尚未导入区域数据。',
  },
  levels: {
    district: '区县',
    street: '街道/乡镇',
    community: '社区/村',
    grid: '网格',
    micro_grid: '微网格',
  },
  errors: {
    malformedJson: '请求内容格式有误。',
    badRequest: '请求无效。',
    validationFailed: '提交的内容未通过校验，请检查后重试。',
    unauthenticated: '请先登录。',
    forbidden: '您没有执行此操作的权限。',
    notFound: '找不到请求的内容。',
    methodNotAllowed: '不支持此操作。',
    conflict: '内容已被他人修改，请刷新后重试。',
    preconditionFailed: '内容已发生变化，请刷新后重试。',
    payloadTooLarge: '提交的内容过大。',
    unsupportedMediaType: '不支持的内容类型。',
    preconditionRequired: '请求缺少版本信息，请刷新后重试。',
    rateLimited: '操作过于频繁，请稍后再试。',
    internal: '服务器内部错误，请稍后再试。',
    serviceUnavailable: '服务暂时不可用，请稍后再试。',
    network: '无法连接服务器，请检查网络后重试。',
    badResponse: '服务器返回了无法识别的数据。',
  },
} as const;

export type Messages = MessageTree<typeof zhCN>;
