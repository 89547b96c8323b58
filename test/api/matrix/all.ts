import type { Permission } from '../../../src/shared/auth/roles.ts';
import { adminRecipes } from './admin.recipes.ts';
import { assessmentRecipes } from './assessment.recipes.ts';
import { campaignsRecipes } from './campaigns.recipes.ts';
import { caseContextRecipes } from './case-context.recipes.ts';
import { caseFilesRecipes } from './case-files.recipes.ts';
import { caseInsightsRecipes } from './case-insights.recipes.ts';
import { casesRecipes } from './cases.recipes.ts';
import { coreRecipes } from './core.recipes.ts';
import { coverageRecipes } from './coverage.recipes.ts';
import { enterprisesRecipes } from './enterprises.recipes.ts';
import { evaluationRecipes } from './evaluation.recipes.ts';
import { examplesSurveysRecipes } from './examples-surveys.recipes.ts';
import { fieldDirectoryRecipes } from './field-directory.recipes.ts';
import { hardProblemsRecipes } from './hard-problems.recipes.ts';
import { homeRecipes } from './home.recipes.ts';
import { hotlineRecipes } from './hotline.recipes.ts';
import { leagueRecipes } from './league.recipes.ts';
import { listExportsRecipes } from './list-exports.recipes.ts';
import { mapRecipes } from './map.recipes.ts';
import { mentoringRecipes } from './mentoring.recipes.ts';
import { notificationsRecipes } from './notifications.recipes.ts';
import { open311Recipes } from './open311.recipes.ts';
import { opinionsRecipes } from './opinions.recipes.ts';
import { orgRecipes } from './org.recipes.ts';
import { praiseListsRecipes } from './praise-lists.recipes.ts';
import { progressRecipes } from './progress.recipes.ts';
import { publicCodesRecipes } from './public-codes.recipes.ts';
import { publicEntryRecipes } from './public-entry.recipes.ts';
import type { Recipe } from './recipe.ts';
import { recordsRecipes } from './records.recipes.ts';
import { residentStatusRecipes } from './resident-status.recipes.ts';
import { scoresRecipes } from './scores.recipes.ts';
import { spotChecksRecipes } from './spot-checks.recipes.ts';
import { supervisionRecipes } from './supervision.recipes.ts';
import { transferRecipes } from './transfer.recipes.ts';
import { visitPlansRecipes } from './visit-plans.recipes.ts';
import { visitsRecipes } from './visits.recipes.ts';

const MODULES = [
  coreRecipes,
  orgRecipes,
  recordsRecipes,
  enterprisesRecipes,
  transferRecipes,
  progressRecipes,
  adminRecipes,
  casesRecipes,
  notificationsRecipes,
  caseInsightsRecipes,
  caseContextRecipes,
  caseFilesRecipes,
  visitsRecipes,
  opinionsRecipes,
  visitPlansRecipes,
  coverageRecipes,
  mentoringRecipes,
  spotChecksRecipes,
  campaignsRecipes,
  homeRecipes,
  leagueRecipes,
  scoresRecipes,
  hardProblemsRecipes,
  evaluationRecipes,
  praiseListsRecipes,
  supervisionRecipes,
  mapRecipes,
  assessmentRecipes,
  fieldDirectoryRecipes,
  listExportsRecipes,
  examplesSurveysRecipes,
  hotlineRecipes,
  publicCodesRecipes,
  open311Recipes,
  residentStatusRecipes,
  publicEntryRecipes,
];

/** Every module's recipes by `METHOD /url`; a route listed twice is a mistake and throws. */
export const RECIPES: Record<string, Recipe> = {};
for (const module of MODULES) {
  for (const [route, recipe] of Object.entries(module.recipes)) {
    if (RECIPES[route]) throw new Error(`two recipes for ${route}`);
    RECIPES[route] = recipe;
  }
}

export const DISTRICT_WIDE: ReadonlySet<Permission> = new Set(MODULES.flatMap((m) => m.districtWide ?? []));
