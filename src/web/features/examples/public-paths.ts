const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
const SHOWCASE = new RegExp(`^/showcase/${UUID}/?$`);
const SURVEY = new RegExp(`^/survey/${UUID}/?$`);

/**
 * The public pages of examples and surveys, which render without signing in: `/showcase/<regionId>`
 * (a district's, street's or community's published examples) and `/survey/<surveyId>` (a survey's
 * answer form, opened from the invitation).
 */
export const showcaseRegionId = (pathname: string) => SHOWCASE.exec(pathname)?.[1]?.toLowerCase() ?? null;
export const publicSurveyId = (pathname: string) => SURVEY.exec(pathname)?.[1]?.toLowerCase() ?? null;

export const isShowcasePath = (pathname: string) =>
  pathname === '/showcase' || pathname.startsWith('/showcase/');
export const isPublicSurveyPath = (pathname: string) =>
  pathname === '/survey' || pathname.startsWith('/survey/');
