import type { Kysely } from 'kysely';
import { reaches } from '../../../shared/auth/reach.ts';
import { caseRulesOf } from '../../../shared/domain/assessment-rules.ts';
import { questionResults, type SurveyResults } from '../../../shared/domain/surveys.ts';
import { caseFigures } from '../../../shared/figures/case-figures.ts';
import { addDays } from '../../../shared/time/china-time.ts';
import { dateColumn } from '../../db/date-column.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { caseCountersIn } from '../cases/case-figures.ts';
import { questionsOf, surveyInReach, surveyView } from './survey-context.ts';
import { createSurveyRepository } from './surveys.repository.ts';

/**
 * A survey's results per community the caller reaches: responses against households still there,
 * each question's distribution and a rating's mean, beside the satisfaction rate (满意率) of the
 * cases recorded in the community on the survey's days, from the kept case figures.
 */
export async function surveyResults(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<SurveyResults> {
  const survey = await surveyInReach(db, principal, 'visits:read', id);
  const repo = createSurveyRepository(db);
  const district = survey.district_code;
  const scope = scopeFor(principal, 'visits:read');
  const communities = (await repo.communitiesOf(district, survey.region_path)).filter((c) =>
    scope.paths.some((p) => reaches(p, c.path) || reaches(c.path, p)),
  );
  const questions = questionsOf(survey.questions);
  const [answers, households, rules] = await Promise.all([
    repo.answers(district, survey.id),
    repo.householdCounts(
      district,
      communities.map((c) => c.path),
    ),
    readAssessmentRules(db, district),
  ]);
  const from = dateColumn(survey.from_day);
  const end = addDays(dateColumn(survey.to_day), 1);
  const caseRules = caseRulesOf(rules);
  const results = await Promise.all(
    communities.map(async (c) => {
      const given = answers
        .filter((a) => reaches(c.path, a.region_path))
        .map((a) => jsonColumn<number[]>(a.answers));
      const counters = await caseCountersIn(db, district, [c.path], from, end);
      return {
        region: { id: c.id, name: c.name, level: c.level },
        households: households.get(c.path) ?? 0,
        responses: given.length,
        questions: questionResults(questions, given),
        caseSatisfaction: caseFigures(counters, caseRules).satisfactionRate,
      };
    }),
  );
  return { survey: surveyView(survey), communities: results };
}
