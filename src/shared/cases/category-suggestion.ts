import { type CaseText, caseSimilarity } from './similarity.ts';

/** What makes a categorised neighbour count towards suggesting its category. */
export const CATEGORY_SUGGESTION_RULES = {
  /** How far back neighbours are looked at. */
  days: 180,
  /** Text similarity a neighbour needs (lower than for duplicates: alike in kind, not the same report). */
  threshold: 0.2,
  top: 3,
} as const;

export interface CategorisedCase extends CaseText {
  categoryId: string;
  categoryName: string;
}

export interface CategorySuggestion {
  id: string;
  name: string;
  /** How many similar cases nearby carry it. */
  cases: number;
}

/**
 * Categories for a case without one (分类建议), from the cases of its community worded alike: each
 * neighbour at or above the threshold votes for its category with its similarity; the best few
 * first. Advice only: classifying is an action (workflow.ts `classify`).
 */
export function suggestCategories(
  subject: CaseText,
  neighbours: readonly CategorisedCase[],
  rules: { threshold: number; top: number } = CATEGORY_SUGGESTION_RULES,
): CategorySuggestion[] {
  const votes = new Map<string, { id: string; name: string; score: number; cases: number }>();
  for (const n of neighbours) {
    const score = caseSimilarity(subject, n);
    if (score < rules.threshold) continue;
    const vote = votes.get(n.categoryId) ?? { id: n.categoryId, name: n.categoryName, score: 0, cases: 0 };
    vote.score += score;
    vote.cases += 1;
    votes.set(n.categoryId, vote);
  }
  return [...votes.values()]
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, rules.top)
    .map(({ id, name, cases }) => ({ id, name, cases }));
}
