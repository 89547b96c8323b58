import type { MessageTree } from '../messages.ts';

/**
 * The administrator's public intake section (issue 15 §5): whether residents confirm their phone
 * by SMS code, and signed entry links of the public form for other channels.
 */
export const publicIntakeZh = {
  publicIntake: {
    title: '公众入口',
    subtitle:
      '群众扫码或从微信公众号菜单打开的上报页面：本区是否用短信验证手机号，以及其他渠道使用的入口链接。',
    smsTitle: '短信验证手机号',
    smsSwitch: '要求群众输入短信验证码以确认手机号',
    smsExplain:
      '开启后，本区的公众上报页面会先向群众填写的手机号发送 6 位验证码，输入正确才能提交，防止冒用他人号码。验证码 10 分钟内有效，同一号码每分钟最多 1 条、每小时最多 5 条；短信费用由本区的短信通道承担。关闭时只需填写手机号，不发短信。',
    smsOn: '已开启',
    smsOff: '未开启',
    smsSaved: '已保存：短信验证已开启',
    smsSavedOff: '已保存：短信验证已关闭',
    linkTitle: '生成入口链接',
    linkExplain:
      '把链接放进微信公众号菜单或网络论坛的帖子里，群众由此提交的事项会记为相应渠道（否则记为“群众自报”）。链接带有本系统的签名，手工修改后即失效；每次生成都会记入审计日志。',
    channel: '渠道',
    placeKind: '上报地点',
    placeRegion: '选择社区或网格',
    placeCode: '粘贴二维码链接',
    region: '社区或网格',
    regionPlaceholder: '选择社区或网格',
    regionRequired: '请选择一个社区或网格',
    code: '二维码链接或编码',
    codePlaceholder: '例如 /q/330109-K7M2QX9A',
    codeInvalid: '不是有效的二维码链接（形如 /q/330109-K7M2QX9A）',
    make: '生成链接',
    result: '入口链接',
    resultNote:
      '复制后放入公众号菜单或帖子。本系统没有为此类链接生成二维码；需要二维码海报时请使用“区域”中的海报。',
  },
};

export const publicIntakeEn: MessageTree<typeof publicIntakeZh> = {
  publicIntake: {
    title: 'Public intake',
    subtitle:
      "The report form residents open by QR code or from a WeChat official account's menu: whether your district confirms their phone by SMS, and entry links for other channels.",
    smsTitle: 'SMS phone confirmation',
    smsSwitch: "Require an SMS code to confirm the resident's phone",
    smsExplain:
      "When on, your district's public form first texts a six-digit code to the phone the resident typed, and the report is accepted only with the right code, so nobody can report under someone else's number. A code is good for 10 minutes; one phone gets at most one a minute and five an hour; the texts go through your district's SMS gateway. When off, residents only type their phone and no text is sent.",
    smsOn: 'On',
    smsOff: 'Off',
    smsSaved: 'Saved: SMS confirmation is on',
    smsSavedOff: 'Saved: SMS confirmation is off',
    linkTitle: 'Make an entry link',
    linkExplain:
      'Put the link in a WeChat official account\'s menu or a forum post: the cases residents send through it are recorded on that channel (otherwise as "Self report"). The link carries this system\'s signature and stops counting if edited by hand; every link made is written to the audit log.',
    channel: 'Channel',
    placeKind: 'Place reported to',
    placeRegion: 'Pick a community or grid',
    placeCode: 'Paste a QR code link',
    region: 'Community or grid',
    regionPlaceholder: 'Pick a community or grid',
    regionRequired: 'Pick a community or grid',
    code: 'QR code link or code',
    codePlaceholder: 'e.g. /q/330109-K7M2QX9A',
    codeInvalid: 'Not a QR code link (like /q/330109-K7M2QX9A)',
    make: 'Make link',
    result: 'Entry link',
    resultNote:
      'Copy it into the menu or the post. This system draws no QR code for such links; for a QR poster use the posters under Regions.',
  },
};
