import type { Kysely } from 'kysely';
import { DEFAULT_TAGS } from '../../shared/domain/tags.ts';
import type { DB } from '../db/schema.ts';
import { createKeyHouseholdRepository } from '../modules/key-households/key-households.repository.ts';
import { createTagRepository } from '../modules/tags/tags.repository.ts';
import { AS_OF, fromEpochDay, toEpochDay } from './dates.ts';
import { createSeedKeyHouseholdRepository } from './key-households.repository.ts';

/** Key households the demo gives each grid worker a "五个要" record and a plan for. */
const DEMO_KEY_HOUSEHOLDS_PER_WORKER = 3;

/** What a worker writes down, by the household's first key tag (demo text, no personal data). */
const DEMO_RECORDS: Record<string, [string, string, string, string, string]> = {
  低保: [
    '低保户，家庭收入低于当地低保标准，户主身体欠佳',
    '租住老旧住房，基本生活用品齐全，冬季取暖不足',
    '情绪总体稳定，担心子女上学费用',
    '户主本人手机畅通，社区网格员每月联系',
    '已按月发放低保金，协调学校落实助学金',
  ],
  优抚: [
    '优抚对象家庭，老人为退役军人',
    '自有住房，居住条件良好',
    '精神状态良好，关心政策落实',
    '子女在本区工作，每周探望',
    '节日走访慰问，优待证已办理',
  ],
  残疾: [
    '家中有残疾人，需要长期照护',
    '住房为一楼，已做无障碍改造',
    '家属照护压力较大，偶有焦虑',
    '家属手机畅通，网格员每两周联系一次',
    '已申请困难残疾人生活补贴和护理补贴',
  ],
  独居老人: [
    '独居老人，子女在外地工作',
    '老房无电梯，日常起居可以自理',
    '比较孤单，希望有人常来聊天',
    '子女每周电话联系，邻居可帮忙照看',
    '已安装紧急呼叫设备，纳入助餐服务',
  ],
  留守: [
    '留守家庭，父母在外务工，祖辈照看孩子',
    '住房安全，孩子有独立学习空间',
    '孩子性格内向，老人担心学习',
    '父母每周视频联系，老人手机畅通',
    '已对接学校关爱老师，周末参加社区四点半课堂',
  ],
  外籍: [
    '家庭成员中有外籍人员',
    '住房条件良好',
    '适应本地生活，语言沟通有些困难',
    '家属可以中文沟通，联系方式已登记',
    '已告知居留登记和就医流程',
  ],
  新居民: [
    '新居民家庭，来本地务工',
    '租住房屋，居住条件一般',
    '希望尽快融入社区，关心子女入学',
    '本人手机畅通，已加入社区群',
    '已介绍居住证办理和子女入学政策',
  ],
};

const keyCodes = DEFAULT_TAGS.filter((t) => t.subject === 'household' && t.marksKey).map((t) => t.code);

/**
 * After the households are in: is_key from their tags (the district lists start as the defaults)
 * and a level for every 残疾 tag, set-based per district. In the demo, the first key households of
 * each grid worker's community get a "五个要" record and a plan owned by that worker, with two
 * follow-up dates, all deterministic.
 */
export async function seedKeyHouseholds(
  db: Kysely<DB>,
  districtCodes: readonly string[],
  options: { demo: boolean; nextId: () => string },
): Promise<void> {
  const seedRepo = createSeedKeyHouseholdRepository(db);
  for (const districtCode of districtCodes) {
    await createTagRepository(db).recomputeKeyHouseholds(districtCode, keyCodes);
    await seedRepo.setDisabilityLevels(districtCode);
  }
  if (!options.demo) return;
  const keyRepo = createKeyHouseholdRepository(db);
  const asOf = toEpochDay(AS_OF);
  for (const districtCode of districtCodes) {
    for (const worker of await seedRepo.demoWorkers(districtCode, ['worker1', 'worker2'])) {
      const households = await seedRepo.keyHouseholdsBelow(
        districtCode,
        worker.path,
        DEMO_KEY_HOUSEHOLDS_PER_WORKER,
      );
      for (const [index, h] of households.entries()) {
        const tag = h.tags.find((t) => keyCodes.includes(t)) ?? '低保';
        const [basicSituation, livingConditions, stateOfMind, contact, helpInPlace] = DEMO_RECORDS[tag] ?? [];
        await keyRepo.insertRecord({
          district_code: districtCode,
          id: options.nextId(),
          household_id: h.id,
          basic_situation: basicSituation ?? tag,
          living_conditions: livingConditions ?? tag,
          state_of_mind: stateOfMind ?? tag,
          contact: contact ?? tag,
          help_in_place: helpInPlace ?? tag,
          recorded_by: worker.id,
          // Mid-morning Beijing time, a few days apart.
          recorded_at: new Date(`${fromEpochDay(asOf - 10 + index)}T02:00:00Z`),
        });
        const planId = options.nextId();
        await keyRepo.insertPlan({
          district_code: districtCode,
          id: planId,
          household_id: h.id,
          measures: `${helpInPlace ?? tag}；网格员每月上门走访一次，每周电话问候`,
          owner_user_id: worker.id,
          created_by: worker.id,
        });
        await keyRepo.insertFollowUps(
          [30, 60].map((days) => ({
            district_code: districtCode,
            id: options.nextId(),
            plan_id: planId,
            due_date: fromEpochDay(asOf + days + index),
          })),
        );
      }
    }
  }
}
