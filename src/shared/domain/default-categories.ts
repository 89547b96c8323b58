/**
 * The taxonomy a district starts with: the top categories of 12345 hotline practice and the
 * matters docs/specs/domain.md names (city management, environment, housing, enterprise services …), two
 * levels deep. Each top category names the kind of department that owns its cases; a subcategory
 * may name another (enterprise hiring goes to human resources, permits to market regulation).
 * Codes never contain '.', which joins them into paths: a subcategory's code starts with its
 * parent's and '_'.
 */
export const DEPARTMENT_KINDS = [
  'housing',
  'law_enforcement',
  'environment',
  'civil_affairs',
  'hr_social_security',
  'education',
  'health',
  'public_security',
  'market_regulation',
  'transport',
  'justice',
  'economy',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export interface DefaultCategory {
  code: string;
  name: string;
  nameEn: string;
  /** The kind of department owning the cases; null: the dispatcher chooses each time. */
  owner: DepartmentKind | null;
}

export interface DefaultTopCategory extends DefaultCategory {
  children: readonly (Omit<DefaultCategory, 'owner'> & { owner?: DepartmentKind })[];
}

/** A subcategory: code, Chinese name, English name, and the owner when it is not its parent's. */
type Sub = readonly [code: string, name: string, nameEn: string, owner?: DepartmentKind];

function category(
  code: string,
  name: string,
  nameEn: string,
  owner: DepartmentKind | null,
  children: readonly Sub[],
): DefaultTopCategory {
  return {
    code,
    name,
    nameEn,
    owner,
    children: children.map(([code, name, nameEn, owner]) => ({
      code,
      name,
      nameEn,
      ...(owner ? { owner } : {}),
    })),
  };
}

export const DEFAULT_CATEGORIES: readonly DefaultTopCategory[] = [
  category('urban', '城市管理', 'City management', 'law_enforcement', [
    ['urban_stalls', '占道经营与流动摊贩', 'Street vending and stalls'],
    ['urban_sanitation', '环境卫生与垃圾清运', 'Sanitation and refuse collection'],
    ['urban_illegal_building', '违法建筑', 'Unauthorised construction'],
    ['urban_facilities', '市政设施', 'Municipal facilities (lights, manholes, pavements)'],
    ['urban_greenery', '园林绿化', 'Parks and greenery'],
    ['urban_signs', '户外广告与店招', 'Outdoor advertising and shop signs'],
  ]),
  category('env', '生态环境', 'Environment', 'environment', [
    ['env_air', '大气污染（油烟、扬尘、异味）', 'Air pollution (fumes, dust, odours)'],
    ['env_water', '水污染与河道', 'Water pollution and rivers'],
    ['env_noise', '噪声扰民', 'Noise'],
    ['env_waste', '固体废物与危险废物', 'Solid and hazardous waste'],
  ]),
  category('housing', '住房与物业', 'Housing and property management', 'housing', [
    ['housing_property', '物业服务', 'Property management services'],
    ['housing_repair', '房屋维修与维修资金', 'Repairs and the maintenance fund'],
    ['housing_safety', '房屋安全', 'Building safety'],
    ['housing_renovation', '老旧小区改造与加装电梯', 'Old estate renovation and lifts'],
    ['housing_rental', '房屋租赁', 'Renting'],
    ['housing_delivery', '商品房交付与质量', 'New home handover and quality'],
  ]),
  category('transport', '交通出行', 'Transport', 'transport', [
    ['transport_bus', '公交与地铁', 'Buses and metro'],
    ['transport_taxi', '出租车与网约车', 'Taxis and ride-hailing'],
    ['transport_parking', '停车管理', 'Parking'],
    ['transport_roads', '道路与交通设施', 'Roads and traffic facilities'],
  ]),
  category('welfare', '社会保障与救助', 'Social security and assistance', 'civil_affairs', [
    ['welfare_dibao', '低保与特困救助', 'Minimum living allowance and extreme poverty relief'],
    ['welfare_temporary', '临时救助', 'Temporary assistance'],
    ['welfare_elderly', '养老服务', 'Elderly care'],
    ['welfare_disability', '残疾人帮扶', 'Disability support'],
    ['welfare_insurance', '社会保险', 'Social insurance', 'hr_social_security'],
  ]),
  category('labour', '劳动就业', 'Labour and employment', 'hr_social_security', [
    ['labour_wages', '拖欠工资', 'Unpaid wages'],
    ['labour_disputes', '劳动合同与劳动争议', 'Contracts and labour disputes'],
    ['labour_jobs', '就业与创业服务', 'Jobs and start-up services'],
    ['labour_training', '职业技能培训', 'Vocational training'],
  ]),
  category('education', '教育', 'Education', 'education', [
    ['education_enrolment', '入学与招生', 'School admission'],
    ['education_fees', '教育收费与校外培训', 'Fees and private tutoring'],
    ['education_safety', '校园安全', 'School safety'],
    ['education_preschool', '学前教育与托育', 'Pre-school and childcare'],
  ]),
  category('health', '医疗卫生', 'Health', 'health', [
    ['health_services', '医疗服务与医患纠纷', 'Medical services and disputes'],
    ['health_public', '公共卫生与疾病防控', 'Public health and disease control'],
    ['health_vaccination', '预防接种', 'Vaccination'],
    ['health_family_doctor', '家庭医生与社区卫生', 'Family doctors and community health'],
  ]),
  category('security', '社会治安', 'Public order and safety', 'public_security', [
    ['security_order', '治安秩序', 'Public order'],
    ['security_fraud', '电信网络诈骗', 'Telecom and online fraud'],
    ['security_traffic', '交通违法', 'Traffic offences'],
    ['security_residence', '户籍与居住证', 'Household registration and residence permits'],
  ]),
  category('disputes', '矛盾纠纷', 'Disputes and mediation', 'justice', [
    ['disputes_neighbour', '邻里纠纷', 'Neighbour disputes'],
    ['disputes_family', '婚姻家庭纠纷', 'Marriage and family disputes'],
    ['disputes_land', '土地与征迁纠纷', 'Land and relocation disputes'],
    ['disputes_debt', '经济与债务纠纷', 'Economic and debt disputes'],
  ]),
  category('enterprise', '企业服务', 'Enterprise services', 'economy', [
    ['enterprise_policy', '惠企政策', 'Business support policies'],
    ['enterprise_financing', '融资服务', 'Financing'],
    ['enterprise_hiring', '招工用工', 'Recruitment and staffing', 'hr_social_security'],
    ['enterprise_land', '用地与厂房', 'Land and premises'],
    ['enterprise_permits', '审批与证照', 'Approvals and licences', 'market_regulation'],
  ]),
  category('market', '市场监管', 'Market regulation', 'market_regulation', [
    ['market_food', '食品安全', 'Food safety'],
    ['market_consumer', '消费维权', 'Consumer rights'],
    ['market_pricing', '价格与计量', 'Prices and measures'],
    ['market_quality', '产品质量', 'Product quality'],
  ]),
  category('other', '其他', 'Other', null, [
    ['other_enquiry', '政策咨询', 'Policy enquiries'],
    ['other_suggestion', '意见建议', 'Suggestions'],
    ['other_praise', '表扬感谢', 'Praise and thanks'],
    ['other_misc', '其他事项', 'Other matters'],
  ]),
];
