import { v7 as uuidv7 } from 'uuid';
import { addAccount } from '../../mentoring/accounts.ts';
import type { RecipeModule } from './recipe.ts';

/** Mentor pairs: each create and end works on a fresh mentee standing in the fixture's community. */
export const mentoringRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/mentor-pairs': (f) => ({
      method: 'GET',
      url: `/api/v1/mentor-pairs?regionId=${f.community.id}`,
    }),
    'GET /api/v1/mentor-pairs/mine': () => ({
      method: 'GET',
      url: '/api/v1/mentor-pairs/mine',
      unscoped: true,
    }),
    'GET /api/v1/mentor-pairs/candidates': (f) => ({
      method: 'GET',
      url: `/api/v1/mentor-pairs/candidates?regionId=${f.community.id}`,
    }),
    'POST /api/v1/mentor-pairs': async (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/mentor-pairs',
      body: {
        mentorId: ctx.userId('worker1'),
        menteeId: await addAccount(ctx.t, { regionId: f.community.id }),
        startedOn: '2026-03-01',
      },
    }),
    'PATCH /api/v1/mentor-pairs/:id': async (f, ctx) => {
      const db = ctx.t.database.db;
      const menteeId = await addAccount(ctx.t, { regionId: f.community.id });
      const { district_code } = await db
        .selectFrom('region')
        .select('district_code')
        .executeTakeFirstOrThrow();
      const id = uuidv7();
      await db
        .insertInto('mentor_pair')
        .values({
          district_code,
          id,
          mentor_id: ctx.userId('worker1'),
          mentee_id: menteeId,
          started_on: '2026-03-01',
          created_by: ctx.userId('leader'),
        })
        .execute();
      return { method: 'PATCH', url: `/api/v1/mentor-pairs/${id}`, body: { endedOn: '2026-06-30' } };
    },
  },
};
