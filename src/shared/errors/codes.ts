/**
 * The one table of error codes. Every error the API returns carries one of these codes in its
 * problem+json body; the HTTP status and the i18n message key come from here and nowhere else.
 * Codes are stable: clients and tests match on them. Append new codes; never rename one.
 */
export const ERROR_CODES = {
  MALFORMED_JSON: { status: 400, messageKey: 'errors.malformedJson', title: 'Malformed JSON body' },
  BAD_REQUEST: { status: 400, messageKey: 'errors.badRequest', title: 'Bad request' },
  VALIDATION_FAILED: { status: 422, messageKey: 'errors.validationFailed', title: 'Validation failed' },
  UNAUTHENTICATED: { status: 401, messageKey: 'errors.unauthenticated', title: 'Sign-in required' },
  FORBIDDEN: { status: 403, messageKey: 'errors.forbidden', title: 'Permission denied' },
  APPROVAL_REQUIRED: {
    status: 403,
    messageKey: 'errors.approvalRequired',
    title: 'An approved request is required',
  },
  /** A state-changing request sent by a page of another site (Origin / Sec-Fetch-Site). */
  CROSS_SITE_REQUEST: {
    status: 403,
    messageKey: 'errors.crossSiteRequest',
    title: 'Cross-site request refused',
  },
  NOT_FOUND: { status: 404, messageKey: 'errors.notFound', title: 'Not found' },
  /** A resident's status link: unknown, malformed and revoked answer alike (nothing is revealed). */
  STATUS_LINK_NOT_FOUND: {
    status: 404,
    messageKey: 'errors.statusLinkNotFound',
    title: 'No such status link',
  },
  METHOD_NOT_ALLOWED: { status: 405, messageKey: 'errors.methodNotAllowed', title: 'Method not allowed' },
  CONFLICT: { status: 409, messageKey: 'errors.conflict', title: 'Conflict' },
  /** The grants combine roles one person may not hold (三员; an administrator duty stands alone). */
  DUTY_CONFLICT: {
    status: 409,
    messageKey: 'errors.dutyConflict',
    title: 'Roles that one person may not hold together',
  },
  /** The approver of a full export could act as the requester (created or reset their account). */
  EXPORT_APPROVER_NOT_INDEPENDENT: {
    status: 403,
    messageKey: 'errors.exportApproverNotIndependent',
    title: 'The approver is not independent of the requester',
  },
  /** The case is not in a state where the action applies (it moved on meanwhile). */
  CASE_WRONG_STATE: { status: 409, messageKey: 'errors.caseWrongState', title: 'Not possible in this state' },
  /**
   * Cancelling (撤销) a case something was already promised on: dispatched or later, escalated,
   * reopened, or over an unsatisfied rating (workflow.ts CANCELLABLE_STATES).
   */
  CASE_CANCEL_NOT_ALLOWED: {
    status: 409,
    messageKey: 'errors.caseCancelNotAllowed',
    title: 'This case can no longer be cancelled',
  },
  /** The opinion (意见建议) was turned into a case already; each is promoted at most once. */
  OPINION_ALREADY_PROMOTED: {
    status: 409,
    messageKey: 'errors.opinionAlreadyPromoted',
    title: 'Opinion already promoted to a case',
  },
  /** A league table (数据晾晒) of this place, period and subjects was published already: it stays as published. */
  LEAGUE_TABLE_ALREADY_PUBLISHED: {
    status: 409,
    messageKey: 'errors.leagueTableAlreadyPublished',
    title: 'League table already published',
  },
  /** Scoring rules must take effect on an assessment month's first day (one version per period). */
  SCORE_RULES_START_INVALID: {
    status: 422,
    messageKey: 'errors.scoreRulesStartInvalid',
    title: "Scoring rules start on an assessment month's first day",
  },
  /** A new version of scoring rules may not take effect in or before a closed period it would govern. */
  SCORE_RULES_PERIOD_CLOSED: {
    status: 409,
    messageKey: 'errors.scoreRulesPeriodClosed',
    title: 'Rules would take effect in a closed period',
  },
  /** A score period is closed only after its last day, so nothing can still be earned in it. */
  SCORE_PERIOD_NOT_ENDED: {
    status: 409,
    messageKey: 'errors.scorePeriodNotEnded',
    title: 'The period has not ended',
  },
  /** This place's period is closed already (reopen it first to close it again). */
  SCORE_PERIOD_ALREADY_CLOSED: {
    status: 409,
    messageKey: 'errors.scorePeriodAlreadyClosed',
    title: 'Score period already closed',
  },
  /** A supervision report is published: its text and findings are on record and change no more. */
  SUPERVISION_REPORT_PUBLISHED: {
    status: 409,
    messageKey: 'errors.supervisionReportPublished',
    title: 'Supervision report already published',
  },
  /** A hard-problem item that is done or closed takes no more changes. */
  HARD_PROBLEM_FINISHED: {
    status: 409,
    messageKey: 'errors.hardProblemFinished',
    title: 'Hard-problem item already finished',
  },
  /** A case stands on one hard-problem item at a time. */
  HARD_PROBLEM_CASE_LINKED: {
    status: 409,
    messageKey: 'errors.hardProblemCaseLinked',
    title: 'Case already on a hard-problem item',
  },
  /** A place has one topic a month (每月一题). */
  HARD_PROBLEM_TOPIC_TAKEN: {
    status: 409,
    messageKey: 'errors.hardProblemTopicTaken',
    title: "The month's topic is already chosen",
  },
  /** Only a closed score period can be reopened. */
  SCORE_PERIOD_NOT_CLOSED: {
    status: 409,
    messageKey: 'errors.scorePeriodNotClosed',
    title: 'Score period not closed',
  },
  /** A rater unit rates a subject of an evaluation round once; the first rating stands. */
  EVALUATION_ALREADY_RATED: {
    status: 409,
    messageKey: 'errors.evaluationAlreadyRated',
    title: 'Already rated',
  },
  /** An evaluation round takes no ratings once closed, and closes only once. */
  EVALUATION_ROUND_CLOSED: {
    status: 409,
    messageKey: 'errors.evaluationRoundClosed',
    title: 'Evaluation round closed',
  },
  /** Recording the rectification of a finding that has one already. */
  FINDING_ALREADY_ANSWERED: {
    status: 409,
    messageKey: 'errors.findingAlreadyAnswered',
    title: 'Finding already answered',
  },
  /** Proposing a praise or criticism list for a closed period that has one of that kind already. */
  SCORE_LIST_EXISTS: {
    status: 409,
    messageKey: 'errors.scoreListExists',
    title: 'List already proposed',
  },
  /** Editing or approving a praise or criticism list that is published already. */
  SCORE_LIST_PUBLISHED: {
    status: 409,
    messageKey: 'errors.scoreListPublished',
    title: 'List already published',
  },
  /** A campaign's last day before its first, or a campaign longer than CAMPAIGN_DAYS_MAX days. */
  CAMPAIGN_PERIOD_INVALID: {
    status: 422,
    messageKey: 'errors.campaignPeriodInvalid',
    title: 'Not a valid campaign period',
  },
  /** A case marked as a campaign's example lies outside the campaign's place or period. */
  CAMPAIGN_CASE_OUTSIDE: {
    status: 422,
    messageKey: 'errors.campaignCaseOutside',
    title: "The case is outside the campaign's place or period",
  },
  /** An example's public text still names a person or an exact place (`issues[].reason` says what). */
  EXAMPLE_PERSONAL_DATA: {
    status: 422,
    messageKey: 'errors.examplePersonalData',
    title: "The example's text contains personal data",
  },
  /** Only a closed case or a recorded visit may be proposed, once; only a write-up may be published. */
  EXAMPLE_NOT_ALLOWED: {
    status: 409,
    messageKey: 'errors.exampleNotAllowed',
    title: 'Not possible for this example now',
  },
  /** A household answers a survey once; this one has answered already. */
  SURVEY_ALREADY_ANSWERED: {
    status: 409,
    messageKey: 'errors.surveyAlreadyAnswered',
    title: 'This household has answered the survey already',
  },
  /** The survey takes no answers today (before its first or after its last day). */
  SURVEY_NOT_OPEN: { status: 409, messageKey: 'errors.surveyNotOpen', title: 'The survey is not open' },
  /** Answers that do not fit the survey's questions, or a household outside the survey. */
  SURVEY_ANSWER_INVALID: {
    status: 422,
    messageKey: 'errors.surveyAnswerInvalid',
    title: 'The answers do not fit the survey',
  },
  /** A 12345 push whose signature is missing or does not match the body and timestamp. */
  HOTLINE_SIGNATURE_INVALID: {
    status: 401,
    messageKey: 'errors.hotlineSignatureInvalid',
    title: 'The hotline signature is not valid',
  },
  /** A 12345 push signed more than five minutes before or after the server's time. */
  HOTLINE_TIMESTAMP_STALE: {
    status: 401,
    messageKey: 'errors.hotlineTimestampStale',
    title: 'The hotline timestamp is outside the window',
  },
  /** A 12345 push whose exact signature was accepted before (a replayed request). */
  HOTLINE_REPLAYED: { status: 409, messageKey: 'errors.hotlineReplayed', title: 'Replayed hotline request' },
  /**
   * This deployment has no MINQING_HOTLINE_SECRET: it takes no pushes from a hotline platform, so for
   * a caller the endpoint does not exist (a 5xx would page the operator for a choice they made).
   */
  HOTLINE_NOT_CONFIGURED: {
    status: 404,
    messageKey: 'errors.hotlineNotConfigured',
    title: 'The hotline is not configured',
  },
  /** The district asks public reporters to confirm their phone by an SMS code, and none was given. */
  PHONE_CODE_REQUIRED: {
    status: 422,
    messageKey: 'errors.phoneCodeRequired',
    title: 'An SMS code is required',
  },
  /** The SMS code does not match the one sent to this phone. */
  PHONE_CODE_WRONG: { status: 422, messageKey: 'errors.phoneCodeWrong', title: 'Wrong SMS code' },
  /** No SMS code is valid for this phone now: none sent, expired, used, or tried five times. */
  PHONE_CODE_EXPIRED: {
    status: 422,
    messageKey: 'errors.phoneCodeExpired',
    title: 'The SMS code has expired',
  },
  /** A public (QR poster) code that was never issued, or is not a code at all. */
  PUBLIC_CODE_NOT_FOUND: {
    status: 404,
    messageKey: 'errors.publicCodeNotFound',
    title: 'No such code',
  },
  /** A public code that was retired; the problem's `details.replacedBy` names its replacement, if any. */
  PUBLIC_CODE_RETIRED: {
    status: 410,
    messageKey: 'errors.publicCodeRetired',
    title: 'This code is retired',
  },
  /** A workflow rule refuses the action; `issues[0].reason` names the rule (workflow.ts GuardFailure). */
  CASE_RULE_REFUSED: {
    status: 422,
    messageKey: 'errors.caseRuleRefused',
    title: 'Refused by a workflow rule',
  },
  /** The Idempotency-Key was used before with another request body. */
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    messageKey: 'errors.idempotencyKeyReused',
    title: 'Idempotency key reused with another body',
  },
  /** The first request with this Idempotency-Key is still running. */
  REQUEST_IN_PROGRESS: {
    status: 409,
    messageKey: 'errors.requestInProgress',
    title: 'Request still in progress',
  },
  PRECONDITION_FAILED: { status: 412, messageKey: 'errors.preconditionFailed', title: 'Precondition failed' },
  PAYLOAD_TOO_LARGE: { status: 413, messageKey: 'errors.payloadTooLarge', title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    messageKey: 'errors.unsupportedMediaType',
    title: 'Unsupported media type',
  },
  PRECONDITION_REQUIRED: {
    status: 428,
    messageKey: 'errors.preconditionRequired',
    title: 'Precondition required',
  },
  RATE_LIMITED: { status: 429, messageKey: 'errors.rateLimited', title: 'Too many requests' },
  INTERNAL: { status: 500, messageKey: 'errors.internal', title: 'Internal error' },
  SERVICE_UNAVAILABLE: { status: 503, messageKey: 'errors.serviceUnavailable', title: 'Service unavailable' },
  /**
   * Load shedding: the server refused the request at once rather than queue it (too many requests
   * waiting for the database, the event loop lagging, or a wait for a connection past its bound).
   * The residents' and staff's screens say the same as for SERVICE_UNAVAILABLE: try again shortly.
   */
  OVERLOADED: { status: 503, messageKey: 'errors.serviceUnavailable', title: 'Server busy' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
