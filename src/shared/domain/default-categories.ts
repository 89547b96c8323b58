/**
 * The taxonomy a district starts with: the top categories of 12345 hotline practice and the
 * matters domain.md names (city management, environment, housing, enterprise services …), two
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

export const DEFAULT_CATEGORIES: readonly DefaultTopCategory[] = [
  {
    code: 'urban',
    name: '城市管理',
    nameEn: 'City management',
    owner: 'law_enforcement',
    children: [
      { code: 'urban_stalls', name: '占道经营与流动摊贩', nameEn: 'Street vending and stalls' },
      { code: 'urban_sanitation', name: '环境卫生与垃圾清运', nameEn: 'Sanitation and refuse collection' },
      { code: 'urban_illegal_building', name: '违法建筑', nameEn: 'Unauthorised construction' },
      {
        code: 'urban_facilities',
        name: '市政设施',
        nameEn: 'Municipal facilities (lights, manholes, pavements)',
      },
      { code: 'urban_greenery', name: '园林绿化', nameEn: 'Parks and greenery' },
      { code: 'urban_signs', name: '户外广告与店招', nameEn: 'Outdoor advertising and shop signs' },
    ],
  },
  {
    code: 'env',
    name: '生态环境',
    nameEn: 'Environment',
    owner: 'environment',
    children: [
      {
        code: 'env_air',
        name: '大气污染（油烟、扬尘、异味）',
        nameEn: 'Air pollution (fumes, dust, odours)',
      },
      { code: 'env_water', name: '水污染与河道', nameEn: 'Water pollution and rivers' },
      { code: 'env_noise', name: '噪声扰民', nameEn: 'Noise' },
      { code: 'env_waste', name: '固体废物与危险废物', nameEn: 'Solid and hazardous waste' },
    ],
  },
  {
    code: 'housing',
    name: '住房与物业',
    nameEn: 'Housing and property management',
    owner: 'housing',
    children: [
      { code: 'housing_property', name: '物业服务', nameEn: 'Property management services' },
      { code: 'housing_repair', name: '房屋维修与维修资金', nameEn: 'Repairs and the maintenance fund' },
      { code: 'housing_safety', name: '房屋安全', nameEn: 'Building safety' },
      {
        code: 'housing_renovation',
        name: '老旧小区改造与加装电梯',
        nameEn: 'Old estate renovation and lifts',
      },
      { code: 'housing_rental', name: '房屋租赁', nameEn: 'Renting' },
      { code: 'housing_delivery', name: '商品房交付与质量', nameEn: 'New home handover and quality' },
    ],
  },
  {
    code: 'transport',
    name: '交通出行',
    nameEn: 'Transport',
    owner: 'transport',
    children: [
      { code: 'transport_bus', name: '公交与地铁', nameEn: 'Buses and metro' },
      { code: 'transport_taxi', name: '出租车与网约车', nameEn: 'Taxis and ride-hailing' },
      { code: 'transport_parking', name: '停车管理', nameEn: 'Parking' },
      { code: 'transport_roads', name: '道路与交通设施', nameEn: 'Roads and traffic facilities' },
    ],
  },
  {
    code: 'welfare',
    name: '社会保障与救助',
    nameEn: 'Social security and assistance',
    owner: 'civil_affairs',
    children: [
      {
        code: 'welfare_dibao',
        name: '低保与特困救助',
        nameEn: 'Minimum living allowance and extreme poverty relief',
      },
      { code: 'welfare_temporary', name: '临时救助', nameEn: 'Temporary assistance' },
      { code: 'welfare_elderly', name: '养老服务', nameEn: 'Elderly care' },
      { code: 'welfare_disability', name: '残疾人帮扶', nameEn: 'Disability support' },
      {
        code: 'welfare_insurance',
        name: '社会保险',
        nameEn: 'Social insurance',
        owner: 'hr_social_security',
      },
    ],
  },
  {
    code: 'labour',
    name: '劳动就业',
    nameEn: 'Labour and employment',
    owner: 'hr_social_security',
    children: [
      { code: 'labour_wages', name: '拖欠工资', nameEn: 'Unpaid wages' },
      { code: 'labour_disputes', name: '劳动合同与劳动争议', nameEn: 'Contracts and labour disputes' },
      { code: 'labour_jobs', name: '就业与创业服务', nameEn: 'Jobs and start-up services' },
      { code: 'labour_training', name: '职业技能培训', nameEn: 'Vocational training' },
    ],
  },
  {
    code: 'education',
    name: '教育',
    nameEn: 'Education',
    owner: 'education',
    children: [
      { code: 'education_enrolment', name: '入学与招生', nameEn: 'School admission' },
      { code: 'education_fees', name: '教育收费与校外培训', nameEn: 'Fees and private tutoring' },
      { code: 'education_safety', name: '校园安全', nameEn: 'School safety' },
      { code: 'education_preschool', name: '学前教育与托育', nameEn: 'Pre-school and childcare' },
    ],
  },
  {
    code: 'health',
    name: '医疗卫生',
    nameEn: 'Health',
    owner: 'health',
    children: [
      { code: 'health_services', name: '医疗服务与医患纠纷', nameEn: 'Medical services and disputes' },
      { code: 'health_public', name: '公共卫生与疾病防控', nameEn: 'Public health and disease control' },
      { code: 'health_vaccination', name: '预防接种', nameEn: 'Vaccination' },
      {
        code: 'health_family_doctor',
        name: '家庭医生与社区卫生',
        nameEn: 'Family doctors and community health',
      },
    ],
  },
  {
    code: 'security',
    name: '社会治安',
    nameEn: 'Public order and safety',
    owner: 'public_security',
    children: [
      { code: 'security_order', name: '治安秩序', nameEn: 'Public order' },
      { code: 'security_fraud', name: '电信网络诈骗', nameEn: 'Telecom and online fraud' },
      { code: 'security_traffic', name: '交通违法', nameEn: 'Traffic offences' },
      {
        code: 'security_residence',
        name: '户籍与居住证',
        nameEn: 'Household registration and residence permits',
      },
    ],
  },
  {
    code: 'disputes',
    name: '矛盾纠纷',
    nameEn: 'Disputes and mediation',
    owner: 'justice',
    children: [
      { code: 'disputes_neighbour', name: '邻里纠纷', nameEn: 'Neighbour disputes' },
      { code: 'disputes_family', name: '婚姻家庭纠纷', nameEn: 'Marriage and family disputes' },
      { code: 'disputes_land', name: '土地与征迁纠纷', nameEn: 'Land and relocation disputes' },
      { code: 'disputes_debt', name: '经济与债务纠纷', nameEn: 'Economic and debt disputes' },
    ],
  },
  {
    code: 'enterprise',
    name: '企业服务',
    nameEn: 'Enterprise services',
    owner: 'economy',
    children: [
      { code: 'enterprise_policy', name: '惠企政策', nameEn: 'Business support policies' },
      { code: 'enterprise_financing', name: '融资服务', nameEn: 'Financing' },
      {
        code: 'enterprise_hiring',
        name: '招工用工',
        nameEn: 'Recruitment and staffing',
        owner: 'hr_social_security',
      },
      { code: 'enterprise_land', name: '用地与厂房', nameEn: 'Land and premises' },
      {
        code: 'enterprise_permits',
        name: '审批与证照',
        nameEn: 'Approvals and licences',
        owner: 'market_regulation',
      },
    ],
  },
  {
    code: 'market',
    name: '市场监管',
    nameEn: 'Market regulation',
    owner: 'market_regulation',
    children: [
      { code: 'market_food', name: '食品安全', nameEn: 'Food safety' },
      { code: 'market_consumer', name: '消费维权', nameEn: 'Consumer rights' },
      { code: 'market_pricing', name: '价格与计量', nameEn: 'Prices and measures' },
      { code: 'market_quality', name: '产品质量', nameEn: 'Product quality' },
    ],
  },
  {
    code: 'other',
    name: '其他',
    nameEn: 'Other',
    owner: null,
    children: [
      { code: 'other_enquiry', name: '政策咨询', nameEn: 'Policy enquiries' },
      { code: 'other_suggestion', name: '意见建议', nameEn: 'Suggestions' },
      { code: 'other_praise', name: '表扬感谢', nameEn: 'Praise and thanks' },
      { code: 'other_misc', name: '其他事项', nameEn: 'Other matters' },
    ],
  },
];
