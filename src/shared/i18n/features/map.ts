import type { MessageTree } from '../messages.ts';

/**
 * The grid map page. Figure names and how each is counted come from figures.defs (one text per
 * figure); only the map's own figure, open cases, and the page's words are here.
 */
export const mapZh = {
  map: {
    title: '网格地图',
    subtitle: '按网格查看各项指标，红点为未办结事项的热点。',
    region: '区域',
    figure: '指标',
    period: '时段',
    periods: { week: '本周', month: '本月', quarter: '本季度', year: '本年' },
    grids: '已绘制 {{drawn}} 个网格，共 {{total}} 个',
    noBoundary: '{{count}} 个网格尚无边界，未在地图上显示；请管理员导入网格边界。',
    noBoundary_one: '{{count}} 个网格尚无边界，未在地图上显示；请管理员导入网格边界。',
    empty: '该区域下没有带边界的网格。',
    noValue: '无数据',
    hotSpots: '未办结事项',
    hotSpotTip: '{{count}} 件未办结事项',
    hotSpotTip_one: '{{count}} 件未办结事项',
    community: '所属社区',
    openCases: {
      name: '未办结事项',
      how: '当前尚未办结（未销号、未不予受理、未并案、未撤销）的事项数，不限登记时段。',
    },
    position: {
      label: '位置',
      latitude: '纬度',
      longitude: '经度',
      help: 'WGS84 坐标（如手机定位所示），最多 6 位小数；纬度和经度同时填写或同时留空。首次走访签到按此位置计算距离。',
      none: '未记录',
      recorded: '已记录（首次走访签到按此计算距离）',
      incomplete: '纬度和经度须同时填写或同时留空',
      latitudeRange: '纬度须在 -90 至 90 之间，最多 6 位小数',
      longitudeRange: '经度须在 -180 至 180 之间，最多 6 位小数',
    },
  },
} as const;

export const mapEn: MessageTree<typeof mapZh> = {
  map: {
    title: 'Grid map',
    subtitle: 'Figures by grid; red dots are hot spots of open cases.',
    region: 'Region',
    figure: 'Figure',
    period: 'Period',
    periods: { week: 'This week', month: 'This month', quarter: 'This quarter', year: 'This year' },
    grids: '{{drawn}} of {{total}} grids drawn',
    noBoundary:
      '{{count}} grids have no boundary yet and are not drawn; an administrator can import grid boundaries.',
    noBoundary_one:
      '{{count}} grid has no boundary yet and is not drawn; an administrator can import grid boundaries.',
    empty: 'No grid with a boundary in this region.',
    noValue: 'No data',
    hotSpots: 'Open cases',
    hotSpotTip: '{{count}} open cases',
    hotSpotTip_one: '{{count}} open case',
    community: 'Community',
    openCases: {
      name: 'Open cases',
      how: 'Cases not yet closed, rejected, merged or cancelled, now, whenever they were received.',
    },
    position: {
      label: 'Position',
      latitude: 'Latitude',
      longitude: 'Longitude',
      help: 'WGS84 coordinates (as a phone shows them), at most 6 decimals; give both or neither. A first visit check-in is measured against this position.',
      none: 'Not recorded',
      recorded: 'Recorded (the first visit check-in is measured from it)',
      incomplete: 'Give both latitude and longitude, or neither',
      latitudeRange: 'Latitude is between -90 and 90, with at most 6 decimals',
      longitudeRange: 'Longitude is between -180 and 180, with at most 6 decimals',
    },
  },
};
