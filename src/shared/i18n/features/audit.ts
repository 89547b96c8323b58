import type { MessageTree } from '../messages.ts';

/**
 * The audit log in words: each action an auditor reads (case actions take their words from
 * `cases.actions`, imports and exports from `transfer.kinds`), and each kind of object.
 */
export const auditWordsZh = {
  auditWords: {
    actor: '操作人',
    anyObjectType: '全部对象',
    caseAction: '事项：{{action}}',
    exportOf: '导出：{{kind}}',
    importOf: '导入：{{kind}}',
    actions: {
      access: {
        denied: '访问被拒绝',
      },
      assessment_rules: {
        updated: '修改考核规则',
      },
      auth: {
        password: '输入密码（登录第一步）',
        password_changed: '修改密码',
        recovery_code: '用恢复码登录',
        sign_in: '登录',
        sign_out: '退出登录',
        totp: '输入身份验证器验证码',
        totp_enrolled: '绑定身份验证器',
      },
      calendar: {
        imported: '导入工作日历',
      },
      campaign: {
        created: '新建专项活动',
        example_marked: '标为典型',
        example_unmarked: '取消典型',
      },
      case: {
        submitted: '登记事项',
        attachment_added: '为事项添加附件',
      },
      case_view: {
        deleted: '删除常用筛选',
        saved: '保存常用筛选',
      },
      category: {
        created: '新建事项分类',
        updated: '修改事项分类',
      },
      department: {
        created: '新建部门',
        updated: '修改部门',
      },
      example: {
        proposed: '推荐优秀案例',
        written: '撰写优秀案例',
        published: '审核发布优秀案例',
        withdrawn: '撤回优秀案例',
      },
      enterprise: {
        created: '新增企业',
        liaison_assigned: '指定企业陪跑员',
        removed: '删除企业',
        updated: '修改企业信息',
      },
      evaluation_round: {
        closed: '结束互评并计算结果',
        opened: '发起互评',
        rated: '提交互评评分',
      },
      export: {
        campaign_report: '导出专项活动报告',
        cases: '导出民情事项列表',
        league_table: '导出晾晒表',
        opinions: '导出意见建议',
        score_list: '导出表扬单或批评单',
        visits: '导出民情日记',
      },
      export_request: {
        approved: '批准导出申请',
        created: '提交导出申请',
        refused: '驳回导出申请',
      },
      finding: {
        created: '下发需整改的问题',
        rectified: '填报整改情况',
      },
      household: {
        created: '新增住户',
        removed: '删除住户',
        updated: '修改住户信息',
      },
      import: {
        run: '导入数据文件',
        uploaded: '上传待导入文件',
      },
      intake: {
        hotline_level_set: '设置 12345 热线事项的受理层级',
      },
      hard_problem: {
        cases_linked: '攻坚破难清单关联事项',
        cases_unlinked: '攻坚破难清单取消关联事项',
        created: '列入攻坚破难清单',
        finished: '攻坚破难清单项办结',
        progress_reported: '报告攻坚破难进展',
        topic_picked: '确定每月一题',
        updated: '修改攻坚破难清单项',
      },
      key_household: {
        recorded: '登记重点户情况',
      },
      league: {
        published: '发布晾晒表',
      },
      map: {
        boundaries_imported: '导入网格边界',
      },
      member: {
        added: '添加家庭成员',
        removed: '移除家庭成员',
        updated: '修改家庭成员',
      },
      mentor_pair: {
        created: '建立结对帮带',
        ended: '结束结对帮带',
      },
      opinion: {
        promoted: '意见建议转为事项',
      },
      pii: {
        unmask: '查看完整个人信息',
      open311_client: {
        issued: '发放 Open311 接口密钥',
        revoked: '吊销 Open311 接口密钥',
      },
      },
      plan: {
        created: '制定帮扶计划',
        follow_up_done: '完成帮扶跟进',
        updated: '修改帮扶计划',
      },
      region: {
        created: '新建区域',
        deleted: '删除区域',
        moved: '调整区域隶属',
        updated: '修改区域',
      },
      retention: {
        run: '匿名化超过保存期限的数据',
      },
      score_period: {
        closed: '积分结账',
      estate: {
        created: '新建小区',
        removed: '删除小区',
        updated: '修改小区',
      },
      building: {
        created: '新建楼栋',
        removed: '删除楼栋',
        updated: '修改楼栋',
      },
      public_code: {
        hotline_set: '设置海报上的服务热线',
        issued: '生成二维码编码',
        retired: '停用二维码编码',
      },
      public_intake: {
        entry_link_made: '生成公众上报入口链接',
        phone_code_sent: '发送短信验证码（公众上报）',
        settings_changed: '修改公众上报设置',
      },
        reopened: '重新开启已结账的积分',
      },
      score_list: {
        proposed: '拟定表扬单或批评单',
        published: '审定并发布表扬单或批评单',
        updated: '修改表扬单或批评单草稿',
      },
      score_rules: {
        created: '发布计分规则新版本',
      },
      supervision_report: {
        drafted: '起草督查报告',
        edited: '修改督查报告',
        published: '发布督查报告',
      },
      spot_check: {
        drawn: '抽取抽查样本',
        verified: '核实抽查的走访',
      },
      survey: {
        created: '新建民意测评',
        answered: '登记测评答卷',
      },
      tags: {
        replaced: '修改标签',
      },
      user: {
        created: '新建账号',
        deactivated: '停用账号',
        grants_changed: '修改角色和范围',
        password_reset: '重置密码',
        totp_reset: '重置身份验证器',
      },
      visit: {
        assigned: '分配走访对象',
        commented: '点评走访',
        photo_added: '添加走访照片',
        recorded: '登记走访',
        rule_created: '新建走访规则',
        rule_updated: '修改走访规则',
        settings_saved: '保存走访设置',
        team_created: '新建网格分队',
        team_updated: '修改网格分队',
        unassigned: '取消走访分配',
      },
    },
    objects: {
      assessment_rule: '考核规则',
      calendar_year: '工作日历',
      campaign: '专项活动',
      case: '事项',
      case_category: '事项分类',
      case_view: '常用筛选',
      department: '部门',
      district: '区县',
      enterprise: '企业',
      example: '优秀案例',
      export_request: '导出申请',
      estate: '小区',
      household: '住户',
      household_plan: '帮扶计划',
      import: '导入',
      import_run: '导入',
      key_household_record: '重点户情况',
      league_table: '晾晒表',
      mentor_pair: '结对帮带',
      opinion: '意见建议',
      person: '家庭成员',
      region: '区域',
      retention: '数据保存期限',
      spot_check: '抽查',
      survey: '民意测评',
      staff: '工作人员',
      tag_list: '标签',
      user: '账号',
      visit: '走访',
      visit_assignment: '走访分配',
      visit_rule: '走访规则',
      visit_team: '网格分队',
    },
    objectOf: '{{type}}：{{name}}',
    objectHistory: '查看该对象的全部记录',
    actorHistory: '查看此人的全部记录',
    deletedObject: '（已删除）',
    actionCode: '操作代码：{{code}}',
    machineActors: { system: '系统', seed: '演示数据生成', cli: '命令行', public: '群众（扫码自报）' },
    machineJob: '系统（{{job}}）',
  },
} as const;

      open311_client: 'Open311 接口客户端',
export const auditWordsEn: MessageTree<typeof auditWordsZh> = {
  auditWords: {
    actor: 'Actor',
    anyObjectType: 'Any object',
    caseAction: 'Case: {{action}}',
    exportOf: 'Export: {{kind}}',
    importOf: 'Import: {{kind}}',
    actions: {
      access: {
        denied: 'Was refused access',
      },
      assessment_rules: {
        updated: 'Changed the assessment rules',
      },
      auth: {
        password: 'Entered the password (first sign-in step)',
        password_changed: 'Changed their password',
        recovery_code: 'Signed in with a recovery code',
        sign_in: 'Signed in',
        sign_out: 'Signed out',
        totp: 'Entered an authenticator code',
        totp_enrolled: 'Enrolled an authenticator',
      },
      calendar: {
        imported: 'Imported the working-day calendar',
      },
      campaign: {
        created: 'Created a campaign',
        example_marked: 'Marked as an example',
        example_unmarked: 'Unmarked as an example',
      },
      case: {
        submitted: 'Recorded a case',
        attachment_added: 'Added a file to a case',
      },
      case_view: {
        deleted: 'Deleted a saved filter',
        saved: 'Saved a filter',
      },
      category: {
        created: 'Created a case category',
        updated: 'Changed a case category',
      },
      department: {
        created: 'Created a department',
        updated: 'Changed a department',
      },
      example: {
        proposed: 'Proposed an example',
        written: 'Wrote up an example',
        published: 'Approved and published an example',
        withdrawn: 'Withdrew an example',
      },
      enterprise: {
        created: 'Added an enterprise',
        liaison_assigned: 'Assigned a liaison',
        removed: 'Removed an enterprise',
        updated: 'Changed an enterprise',
      },
      evaluation_round: {
        closed: 'Closed an evaluation round and computed its results',
        opened: 'Opened an evaluation round',
        rated: 'Rated in an evaluation round',
      },
      export: {
        campaign_report: 'Exported a campaign report',
        cases: 'Exported a case list',
        league_table: 'Exported a league table',
        opinions: 'Exported opinions',
        score_list: 'Exported a praise or criticism list',
        visits: 'Exported the visit diary',
      },
      export_request: {
        approved: 'Approved an export request',
        created: 'Requested an export',
        refused: 'Refused an export request',
      },
      finding: {
        created: 'Issued a finding to rectify',
        rectified: 'Recorded a rectification',
      },
      household: {
        created: 'Added a household',
        removed: 'Removed a household',
        updated: 'Changed a household',
      },
      import: {
        run: 'Imported a data file',
        uploaded: 'Uploaded a file to import',
      },
      intake: {
        hotline_level_set: 'Set the level that takes in hotline cases',
      },
      hard_problem: {
        cases_linked: 'Linked cases to a hard-problem item',
        cases_unlinked: 'Unlinked cases from a hard-problem item',
        created: 'Put an item on the hard-problem list',
        finished: 'Finished a hard-problem item',
        progress_reported: 'Reported progress on a hard-problem item',
        topic_picked: "Picked the month's topic",
        updated: 'Changed a hard-problem item',
      },
      key_household: {
        recorded: "Recorded a key household's situation",
      },
      league: {
        published: 'Published a league table',
      },
      map: {
        boundaries_imported: 'Imported grid boundaries',
      },
      member: {
        added: 'Added a household member',
        removed: 'Removed a household member',
        updated: 'Changed a household member',
      },
      mentor_pair: {
        created: 'Paired a mentor with a newcomer',
        ended: 'Ended a mentoring pair',
      },
      opinion: {
        promoted: 'Turned an opinion into a case',
      },
      pii: {
        unmask: 'Viewed unmasked personal information',
      },
      plan: {
        created: 'Made a support plan',
        follow_up_done: 'Completed a follow-up',
        updated: 'Changed a support plan',
      },
      region: {
        created: 'Created a region',
        deleted: 'Deleted a region',
        moved: 'Moved a region',
        updated: 'Changed a region',
      },
      retention: {
        run: 'Anonymised records past their retention',
      },
      score_period: {
        closed: 'Closed a score period',
        reopened: 'Opened a closed score period again',
      },
      score_list: {
        proposed: 'Proposed a praise or criticism list',
        published: 'Approved and published a praise or criticism list',
        updated: 'Changed a draft praise or criticism list',
      open311_client: {
      estate: {
        created: 'Added an estate',
        removed: 'Removed an estate',
        updated: 'Changed an estate',
      },
      building: {
        created: 'Added a building',
        removed: 'Removed a building',
        updated: 'Renamed a building',
      },
      public_code: {
        hotline_set: 'Set the hotline printed on posters',
        issued: 'Issued a QR poster code',
        retired: 'Retired a QR poster code',
      },
      public_intake: {
        entry_link_made: 'Made an entry link of the public form',
        phone_code_sent: 'Sent an SMS code (public form)',
        settings_changed: 'Changed the public form settings',
      },
        issued: 'Issued an Open311 API key',
        revoked: 'Revoked an Open311 API key',
      },
      },
      score_rules: {
        created: 'Published a new version of the scoring rules',
      },
      supervision_report: {
        drafted: 'Drafted a supervision report',
        edited: 'Changed a supervision report',
        published: 'Published a supervision report',
      },
      spot_check: {
        drawn: 'Drew a spot check',
        verified: 'Verified a spot-checked visit',
      },
      survey: {
        created: 'Created a satisfaction survey',
        answered: 'Recorded a survey answer',
      },
      tags: {
        replaced: 'Changed the tags',
      },
      user: {
        created: 'Created an account',
        deactivated: 'Deactivated an account',
        grants_changed: 'Changed roles and scopes',
        password_reset: 'Reset a password',
        totp_reset: 'Reset an authenticator',
      },
      visit: {
        assigned: 'Assigned a visit subject',
        commented: 'Commented on a visit',
        photo_added: 'Added a visit photo',
        recorded: 'Recorded a visit',
        rule_created: 'Created a visit rule',
        rule_updated: 'Changed a visit rule',
        settings_saved: 'Saved the visit settings',
        team_created: 'Created a grid team',
        team_updated: 'Changed a grid team',
        unassigned: 'Removed a visit assignment',
      },
    },
    objects: {
      assessment_rule: 'Assessment rules',
      calendar_year: 'Working-day calendar',
      campaign: 'Campaign',
      case: 'Case',
      case_category: 'Case category',
      case_view: 'Saved filter',
      department: 'Department',
      district: 'District',
      enterprise: 'Enterprise',
      example: 'Example',
      export_request: 'Export request',
      household: 'Household',
      household_plan: 'Support plan',
      estate: 'Estate',
      import: 'Import',
      import_run: 'Import',
      key_household_record: 'Key household record',
      league_table: 'League table',
      mentor_pair: 'Mentoring pair',
      opinion: 'Opinion',
      person: 'Household member',
      region: 'Region',
      retention: 'Data retention',
      spot_check: 'Spot check',
      survey: 'Satisfaction survey',
      staff: 'Staff',
      tag_list: 'Tags',
      user: 'Account',
      visit: 'Visit',
      visit_assignment: 'Visit assignment',
      visit_rule: 'Visit rule',
      visit_team: 'Grid team',
    },
    objectOf: '{{type}}: {{name}}',
    objectHistory: "Show this object's whole record",
    actorHistory: "Show this person's whole record",
    deletedObject: '(deleted)',
    actionCode: 'Action code: {{code}}',
    machineActors: {
      system: 'System',
      seed: 'Demo data generator',
      cli: 'Command line',
      public: 'Resident (QR report)',
    },
    machineJob: 'System ({{job}})',
  },
};
      open311_client: 'Open311 client',
