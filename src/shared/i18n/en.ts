import { adminEn } from './features/admin.ts';
import { auditWordsEn } from './features/audit.ts';
import { campaignsEn } from './features/campaigns.ts';
import { casesEn } from './features/cases.ts';
import { enterpriseAdminEn } from './features/enterprises.ts';
import { evaluationEn } from './features/evaluation.ts';
import { examplesEn } from './features/examples.ts';
import { fieldEn } from './features/field.ts';
import { figuresEn } from './features/figures.ts';
import { hardProblemsEn } from './features/hard-problems.ts';
import { homeEn } from './features/home.ts';
import { hotlineEn } from './features/hotline.ts';
import { leagueEn } from './features/league.ts';
import { mapEn } from './features/map.ts';
import { open311En } from './features/open311.ts';
import { opinionsEn } from './features/opinions.ts';
import { orgEn } from './features/org.ts';
import { publicCodesEn } from './features/public-codes.ts';
import { publicIntakeEn } from './features/public-intake.ts';
import { publicReportEn } from './features/public-report.ts';
import { recordsEn } from './features/records.ts';
import { residentStatusEn } from './features/resident-status.ts';
import { scoreListsEn } from './features/score-lists.ts';
import { scoresEn } from './features/scores.ts';
import { supervisionEn } from './features/supervision.ts';
import { transferEn } from './features/transfer.ts';
import { visitsEn } from './features/visits.ts';
import type { Messages } from './zh-CN.ts';

/** English catalogue; typed against the Chinese one so a missing or extra key fails to compile. */
export const en: Messages = {
  app: {
    name: 'MinQing',
    productName: '民情 MinQing',
    demoTag: 'DEMO: sample data',
    demoTagShort: 'DEMO',
    openMenu: 'Open navigation menu',
    navigation: 'Navigation',
    language: 'Interface language',
    loading: 'Loading…',
  },
  nav: {
    dashboard: 'Dashboard',
    regions: 'Regions',
    cases: 'Cases',
    visits: 'Visits',
    field: 'Field',
    households: 'Households',
    enterprises: 'Enterprises',
    figures: 'Figures',
    map: 'Grid map',
    league: 'League tables',
    scores: 'Evaluation',
    examples: 'Examples',
    surveys: 'Satisfaction surveys',
    hotline: '12345 hotline',
    hardProblems: 'Hard problems',
    supervision: 'Supervision',
    scoreLists: 'Praise and criticism lists',
    findings: 'Rectification',
    evaluation: 'Mutual evaluation',
    campaigns: 'Campaigns',
    admin: 'Admin',
    groups: { assessment: 'Assessment' },
  },
  comingSoon: {
    title: 'The {{module}} module is coming',
    subtitle: 'This part is being built and will appear here once it is ready.',
    backHome: 'Back to the dashboard',
  },
  notFound: {
    title: 'Page not found',
    subtitle: 'There is no page at this address. Check it, or use the navigation.',
    backHome: 'Back to the dashboard',
  },
  crash: {
    title: 'Something went wrong',
    subtitle: 'This page hit an unexpected error, which has been reported. Reload the page to try again.',
    reload: 'Reload the page',
  },
  common: {
    retry: 'Retry',
    households: 'Households',
    enterprises: 'Enterprises',
  },
  dashboard: {
    title: 'Dashboard',
    territory: 'Territory',
    streets: 'Streets and towns',
    communities: 'Communities and villages',
    grids: 'Grids',
    households: 'Households',
    enterprises: 'Enterprises',
    noRegions: 'No regions have been imported yet.',
  },
  regions: {
    title: 'Regions',
    subtitle:
      'The hierarchy: district, street or town, community or village, grid, micro-grid. Expand a node to see what lies below.',
    counts: '{{households, number}} households · {{enterprises, number}} enterprises',
    empty: 'No regions have been imported yet.',
    viewHouseholds: 'View households',
  },
  forbidden: {
    title: 'No access',
    subtitle: 'Your roles do not include this module. Ask your security administrator if you need it.',
    backHome: 'Back to the dashboard',
  },
  auth: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    signIn: 'Sign in',
    badCredentials: 'Wrong username or password.',
    rateLimited: 'Too many failed attempts. Please try again later.',
    rateLimitedFor: 'Too many failed attempts. Please try again in {{seconds}} seconds.',
    demoNoticeTitle: 'Demo data',
    demoNotice:
      'This system runs on made-up demo data for trying it out. Do not enter real personal information.',
    demoAccounts: 'Demo accounts',
    demoAccountsHint:
      'Click an account to fill in its username and password (every demo account uses {{password}}).',
    notice: {
      signedOut: 'You have signed out.',
      expired: 'Your session has expired. Please sign in again.',
      restarted: 'Signing in did not finish. Please sign in again.',
    },
    restart: 'Back to sign-in',
    code: '6-digit code',
    codeFormat: 'Enter the 6-digit code',
    codeRejected:
      'The code is wrong or has already been used. Enter the current code from your authenticator; if it keeps failing, go back and sign in again.',
    verify: 'Verify',
    totpTitle: 'Authenticator code',
    totpHint: 'Open the authenticator app on your phone and enter the 6-digit code it shows.',
    useRecoveryCode: 'Cannot use your authenticator? Use a recovery code',
    useAuthenticator: 'Use an authenticator code instead',
    recoveryTitle: 'Use a recovery code',
    recoveryHint:
      'Enter one of the recovery codes you saved when you set up your authenticator. Each works once.',
    recoveryCode: 'Recovery code',
    recoveryFormat: 'Enter the whole recovery code',
    enrollTitle: 'Set up an authenticator',
    enrollHint:
      'Signing in needs a second factor. Scan the QR code with an authenticator app on your phone (or type in the key below), then enter the 6-digit code it shows.',
    qrAlt: 'QR code for setting up the authenticator',
    secret: 'Key (for typing in by hand)',
    confirmEnrollment: 'Confirm',
    codesTitle: 'Save your recovery codes',
    codesHint: 'If you lose your phone or cannot use the authenticator, a recovery code signs you in once.',
    codesOnce:
      'These codes are shown only this once. Write them down or print them and keep them safe, not on a shared computer.',
    copyCodes: 'Copy all recovery codes',
    codesSaved: 'I have saved them, continue',
    changeTitle: 'Set a new password',
    changeHint: 'This is your first sign-in or your password has expired: set a new one to continue.',
    currentPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'Repeat the new password',
    passwordPolicy:
      'At least 8 characters (the deployment may require more) with letters, digits and symbols; common passwords are refused.',
    passwordTooShort: 'The new password needs at least 8 characters',
    passwordMismatch: 'The two new passwords differ',
    passwordRejected: 'The new password does not meet the password policy:',
    changeSubmit: 'Change password and continue',
  },
  user: {
    menu: 'User menu',
    signOut: 'Sign out',
    wholeDeployment: 'Whole deployment',
  },
  roles: {
    sysadmin: 'System administrator',
    secadmin: 'Security administrator',
    auditor: 'Security auditor',
    leader: 'Leader',
    dispatcher: 'Dispatcher',
    grid_worker: 'Grid worker',
    cadre: 'Cadre sent down',
    dept_handler: 'Department handler',
    supervisor: 'Supervisor',
    liaison: 'Enterprise liaison',
    province_leader: 'Provincial leader',
  },
  households: {
    title: 'Households',
    titleOfRegion: '{{region}} · Households',
    subtitleScope:
      "Every household in your area. Search by household code, address or a member's name, or find one by a whole ID or phone number.",
    subtitleRegion:
      "The households in the chosen region. Search by household code, address or a member's name, or find one by a whole ID or phone number.",
    search: 'Search households',
    searchPlaceholder: 'Code, address, member name, or a whole ID or phone number',
    code: 'Household code',
    address: 'Address',
    grid: 'Grid',
    tags: 'Tags',
    memberCount: 'Members',
    empty: 'No household matches.',
    range: '{{from, number}}–{{to, number}} of {{total, number}} households',
    page: 'Page {{page, number}} of {{pages, number}}',
    previous: 'Previous',
    next: 'Next',
    detailSubtitle: 'Household {{code}}',
    members: 'Members',
    noMembers: 'No members on record.',
    name: 'Name',
    gender: 'Gender',
    genders: { M: 'Male', F: 'Female' },
    birthDate: 'Date of birth',
    relationship: 'Relationship to head',
    idNumber: 'ID number',
    phone: 'Phone',
    unmask: 'Show',
    hide: 'Hide',
    unmaskFor: "Show {{name}}'s full {{field}}",
    hideFor: "Hide {{name}}'s {{field}}",
    unmaskTitle: 'Show the full {{field}}',
    unmaskWho: "You are about to see {{name}}'s full {{field}}.",
    unmaskAudited:
      'Viewing full personal information is recorded in the audit log with your reason. View it only when your work needs it.',
    reason: 'Reason',
    reasons: {
      visit: 'Verifying on a home visit',
      contact: 'Contacting the household',
      other: 'Another reason',
    },
    reasonOtherPlaceholder: 'Write the reason (at least 2 characters)',
    unmaskConfirm: 'Show',
    cancel: 'Cancel',
  },
  levels: {
    district: 'District',
    street: 'Street/town',
    community: 'Community/village',
    grid: 'Grid',
    micro_grid: 'Micro-grid',
  },
  errors: {
    caseWrongState: 'The case is no longer in a state where this is possible; reload and try again.',
    caseRuleRefused: 'A workflow rule refuses this action; nothing was changed.',
    caseCancelNotAllowed:
      'This case can no longer be cancelled: the resident was already promised an answer. A case being re-handled is closed only by a supervisor with a reason.',
    opinionAlreadyPromoted: 'This opinion has already been turned into a case.',
    leagueTableAlreadyPublished:
      'This league table was already published for the place and period; a published table does not change.',
    scoreRulesStartInvalid:
      'Scoring rules take effect on the first day of an assessment month, so that each period is scored by one set of rules.',
    scorePeriodNotEnded: 'A period can be closed only after its last day.',
    scoreRulesPeriodClosed:
      'A period these rules would govern is already closed: choose a first day after the last closed period.',
    supervisionReportPublished:
      'This supervision report is published already: it cannot be edited or published again.',
    scorePeriodAlreadyClosed:
      'This period of the place is already closed; its scores do not change unless a district leader reopens it.',
    hardProblemFinished: 'This hard-problem item is finished and changes no more.',
    hardProblemCaseLinked: 'A case is already on another hard-problem item: unlink it there first.',
    hardProblemTopicTaken: "This place's topic for the month is already chosen.",
    scorePeriodNotClosed: 'This period is not closed, so there is nothing to open again.',
    evaluationAlreadyRated: 'Your unit has rated this person or community in this round already.',
    evaluationRoundClosed: 'This evaluation round is closed.',
    findingAlreadyAnswered: 'This finding has its rectification already.',
    scoreListExists: 'This period has a list of this kind already: open it instead.',
    scoreListPublished: 'This list is published already and can no longer be changed.',
    campaignPeriodInvalid: 'A campaign cannot end before it starts, nor last longer than a year.',
    campaignCaseOutside:
      "This case is outside the campaign's place or period and cannot be one of its examples.",
    examplePersonalData:
      "The example's title or story still contains personal data (a name, phone number, ID number, house number or exact address): remove it and send again.",
    exampleNotAllowed:
      'Not possible for this example now: only a closed case or a recorded visit can be proposed, and only once.',
    surveyAlreadyAnswered: 'This household has answered the survey already; each household answers once.',
    surveyNotOpen: 'The survey is not open for answers today.',
    phoneCodeRequired: 'Enter the code sent to your phone by SMS.',
    phoneCodeWrong: 'The SMS code is not right. Check it and try again.',
    publicCodeNotFound: 'This code is not known. Check the code on the poster, or call the hotline.',
    publicCodeRetired: 'This poster is no longer in use. Scan the new poster nearby, or call the hotline.',
    phoneCodeExpired: 'The SMS code has expired or was used up. Ask for a new one.',
    surveyAnswerInvalid:
      'The answers do not fit the survey, or the household is not part of it (check the invitation code).',
    hotlineSignatureInvalid: "The hotline request is not signed with this deployment's secret.",
    hotlineTimestampStale:
      "The hotline request's timestamp is more than five minutes off; sign it again now.",
    hotlineReplayed: 'This hotline request was received before; send a newly signed one.',
    hotlineNotConfigured: 'This deployment takes no pushes from a 12345 platform (no secret configured).',
    idempotencyKeyReused: 'This request key was already used for a different submission.',
    requestInProgress: 'The same submission is still being processed; try again shortly.',
    approvalRequired: 'Exporting personal data needs a request approved by the security administrator.',
    malformedJson: 'The request is not well-formed.',
    badRequest: 'The request is not valid.',
    validationFailed: 'Some of what you entered is not valid. Check it and try again.',
    unauthenticated: 'Please sign in first.',
    forbidden: 'You do not have permission to do this.',
    crossSiteRequest: 'A request from another website was refused. Open MinQing at its own address.',
    notFound: 'What you asked for was not found.',
    statusLinkNotFound:
      'This link does not work (any more). Use the latest link you were sent, or call with your case number.',
    methodNotAllowed: 'This operation is not supported.',
    conflict: 'Someone else changed this in the meantime. Reload and try again.',
    dutyConflict:
      'Separation of duties: an administrator duty cannot be held with another administrator duty or any business role.',
    exportApproverNotIndependent:
      "You recently created or reset the requester's account (or it comes from the same administrator as yours), so another security administrator must decide on this export request.",
    preconditionFailed: 'This has changed since you loaded it. Reload and try again.',
    payloadTooLarge: 'What you sent is too large.',
    unsupportedMediaType: 'This type of content is not supported.',
    preconditionRequired: 'The request lacks version information. Reload and try again.',
    rateLimited: 'Too many requests. Please wait a moment and try again.',
    internal: 'The server hit an internal error. Please try again later.',
    serviceUnavailable: 'The service is temporarily unavailable. Please try again later.',
    network: 'Cannot reach the server. Check the connection and try again.',
    badResponse: 'The server sent a response this page does not understand.',
  },
  ...casesEn,
  ...orgEn,
  ...recordsEn,
  ...enterpriseAdminEn,
  ...transferEn,
  ...publicReportEn,
  ...residentStatusEn,
  ...fieldEn,
  ...visitsEn,
  ...opinionsEn,
  ...mapEn,
  ...figuresEn,
  ...homeEn,
  ...leagueEn,
  ...scoresEn,
  ...examplesEn,
  ...publicCodesEn,
  ...hardProblemsEn,
  ...scoreListsEn,
  ...supervisionEn,
  ...evaluationEn,
  ...campaignsEn,
  ...open311En,
  ...publicIntakeEn,
  ...hotlineEn,
  ...adminEn,
  ...auditWordsEn,
};
