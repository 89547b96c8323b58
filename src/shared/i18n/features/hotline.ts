import type { MessageTree } from '../messages.ts';

/** The 12345 hotline page (issue 15 §4): orders taken in, their push-back, the file import. */
export const hotlineZh = {
  hotline: {
    title: '12345 热线',
    subtitle:
      '热线平台推送或导出的诉求，每件只生成一个事项（以平台编号为准），按诉求分类和地址分派到街道、社区和网格；答复和办结结果经消息队列回传平台。',
    upload: '导入平台导出文件',
    uploadHint: '支持 XLSX（读取第一个工作表）或 CSV，列名：{{columns}}。重复导入同一文件不会重复生成事项。',
    uploading: '正在导入 {{file}}…',
    reportTitle: '导入结果：新建 {{created}} 件，已受理过 {{existing}} 件，未能受理 {{refused}} 件',
    row: '行号',
    orderNumber: '平台编号',
    outcome: '结果',
    caseNumber: '事项编号',
    reason: '原因',
    outcomes: { created: '已新建事项', existing: '此前已受理', refused: '未能受理' },
    // By the refusal's code (HOTLINE_REFUSALS), `field.problem`.
    reasons: {
      order_number: { missing: '缺少平台编号', too_long: '平台编号超过 64 个字符' },
      received_at: { invalid: '来电时间无法识别（应为 2026-12-01 09:30 这样的时间）' },
      deadline: { invalid: '办理时限无法识别（应为日期或时间）' },
      content: { missing: '缺少诉求内容' },
      text: { invalid: '含有不可见的控制字符' },
    },
    orders: '已受理的热线诉求',
    source: '来源',
    sources: { import: '文件导入', webhook: '平台推送' },
    receivedAt: '来电时间',
    deadlineAt: '平台办理时限',
    noDeadline: '未规定',
    case: '事项',
    caseState: '事项状态',
    push: '回传平台',
    pushStates: { none: '尚无回传', pending: '待发送', delivered: '已送达', failed: '发送失败' },
    empty: '尚无热线诉求',
  },
};

export const hotlineEn: MessageTree<typeof hotlineZh> = {
  hotline: {
    title: '12345 hotline orders',
    subtitle:
      "Work orders the hotline platform pushes or exports. Each order becomes one case (by its order number), routed by its category and address to the street, community and grid; the case's reply and its closing go back to the platform through the message queue.",
    upload: "Import the platform's file",
    uploadHint:
      'XLSX (its first sheet) or CSV with the columns {{columns}}. Importing the same file again creates no new cases.',
    uploading: 'Importing {{file}}…',
    reportTitle: 'Imported: {{created}} new cases, {{existing}} taken in before, {{refused}} not taken in',
    row: 'Row',
    orderNumber: 'Order number',
    outcome: 'Outcome',
    caseNumber: 'Case number',
    reason: 'Reason',
    outcomes: { created: 'New case', existing: 'Taken in before', refused: 'Not taken in' },
    reasons: {
      order_number: { missing: 'No order number', too_long: 'The order number is longer than 64 characters' },
      received_at: { invalid: 'The call time is not a time (e.g. 2026-12-01 09:30)' },
      deadline: { invalid: 'The time limit is not a date or time' },
      content: { missing: 'No request text' },
      text: { invalid: 'Contains invisible control characters' },
    },
    orders: 'Orders taken in',
    source: 'Source',
    sources: { import: 'File import', webhook: 'Platform push' },
    receivedAt: 'Call time',
    deadlineAt: "Platform's time limit",
    noDeadline: 'None set',
    case: 'Case',
    caseState: 'Case state',
    push: 'Sent back',
    pushStates: { none: 'Nothing yet', pending: 'Waiting', delivered: 'Delivered', failed: 'Failed' },
    empty: 'No hotline orders yet',
  },
};
