import { v7 as uuidv7 } from 'uuid';
import { MATRIX_ACCOUNTS, type RecipeModule } from './recipe.ts';

/**
 * The matrix's accounts in the order it walks them (each against fixtures a and b). Marking a
 * notification read is only allowed on one's own, and a recipe is not told who calls: the read
 * recipe follows the matrix's walk to make a notification for the account about to call.
 */
let readCalls = 0;

export const notificationsRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/notifications': () => ({ method: 'GET', url: '/api/v1/notifications?limit=5' }),
    'POST /api/v1/notifications/:id/read': async (_f, ctx) => {
      const username = MATRIX_ACCOUNTS[Math.floor(readCalls++ / 2) % MATRIX_ACCOUNTS.length] as string;
      const userId = ctx.userId(username);
      const user = await ctx.t.database.db
        .selectFrom('app_user')
        .select('district_code')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      const id = uuidv7();
      await ctx.t.database.db
        .insertInto('notification')
        .values({
          district_code: user.district_code,
          id,
          user_id: userId,
          topic: 'case.dispatch',
          case_id: null,
          params: JSON.stringify({ number: `T${ctx.unique()}` }),
        })
        .execute();
      return { method: 'POST', url: `/api/v1/notifications/${id}/read`, body: {} };
    },
  },
};
