import path from 'node:path';
import { z } from 'zod';
import type { MapTiles } from '../shared/domain/meta.ts';
import { PUBLIC_REPORT_MAX_BYTES } from '../shared/domain/public-entry.ts';
import { isTileTemplate } from '../shared/map/map-tiles.ts';

/**
 * Configuration is read from the environment once, validated here, and passed down explicitly.
 * Nothing else in the server reads process.env. Fields under `public` are the only ones that may
 * be sent to the browser.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  // The server's bound on one SQL statement on PostgreSQL (0: none); past it the request answers 503.
  MINQING_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  // Load shedding (http/shedding.ts): the longest wait for a pooled PostgreSQL connection, past it
  // 503 OVERLOADED; the requests allowed to wait for the database before new ones are refused at
  // once (unset: 4 per pooled connection on PostgreSQL, 32 in flight on PGlite); on PostgreSQL, how
  // long the oldest waiting checkout may have waited before new requests are refused (unset: 50 ms,
  // 0: no bound); the mean event-loop delay that does the same (unset: 100 ms on PostgreSQL, off on
  // PGlite, whose queries run on the loop); residents' and Open311 requests in progress at once
  // (unset: 2 per pooled connection on PostgreSQL, 8 on PGlite; 0: no bound).
  MINQING_DB_POOL_WAIT_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  MINQING_DB_QUEUE_MAX: z.coerce.number().int().min(0).max(10_000).optional(),
  MINQING_DB_QUEUE_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  MINQING_SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  MINQING_SHED_OUTSIDE_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).optional(),
  MINQING_DATA_DIR: z.string().min(1).default('./data'),
  MINQING_PII_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes, base64-encoded')
    .optional(),
  // The audit log's MAC key (32 bytes, base64); unset: derived from MINQING_PII_KEY.
  MINQING_AUDIT_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes, base64-encoded')
    .optional(),
  // Signed checkpoints of each district's audit chain head, written outside the database.
  MINQING_AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  MINQING_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  MINQING_BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  MINQING_BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
  MINQING_BACKUP_DIR: z.string().min(1).optional(),
  MINQING_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  MINQING_OPEN311_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  // A public report carries up to three photos in its JSON body: its own limit, above the general one.
  MINQING_PUBLIC_REPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(PUBLIC_REPORT_MAX_BYTES),
  MINQING_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  MINQING_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  // How many reverse proxies stand in front (`true`: one). The client's address is the one the
  // outermost of them saw, counted from the right of X-Forwarded-For: a client can prepend
  // anything to that header, so its leftmost entry is never trusted.
  MINQING_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      if (v === 'false' || v === '0') return 0;
      if (v === 'true') return 1;
      if (/^[1-9]$/.test(v)) return Number(v);
      ctx.addIssue({ code: 'custom', message: 'expected true, false or a number of proxies from 1 to 9' });
      return z.NEVER;
    }),
  // The origin(s) browsers open MinQing at (comma-separated, e.g. https://minqing.example.gov.cn),
  // for a proxy that does not pass the original Host on: a state-changing request whose Origin is
  // none of them is refused. Unset: the request's own Host (X-Forwarded-Host when the proxy is trusted).
  MINQING_PUBLIC_ORIGIN: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .refine(
            (o) =>
              URL.canParse(o) &&
              /^https?:$/.test(new URL(o).protocol) &&
              new URL(o).origin === o.replace(/\/$/, ''),
            'must be an origin: http(s)://host[:port]',
          )
          .transform((o) => new URL(o).origin),
      ),
    )
    .optional(),
  MINQING_DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  MINQING_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  MINQING_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  MINQING_COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  MINQING_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(128).default(10),
  MINQING_PASSWORD_COMPLEXITY: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  MINQING_PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  // Retention (docs/specs/trust.md §11, §17): removed people and households are anonymised after this many days.
  MINQING_RETENTION_REMOVED_DAYS: z.coerce.number().int().min(30).max(36_500).default(1095),
  MINQING_IMPORT_REPORT_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // The application never deletes audit rows; this is what operators keep in backups and
  // archives, at least 183 days (Cybersecurity Law art. 21).
  MINQING_AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(183, 'must be at least 183 days (Cybersecurity Law art. 21)')
    .max(36_500)
    .default(183),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MINQING_PII_EXPORTS_PER_DAY: z.coerce.number().int().min(1).max(1000).default(3),
  // The approver of a full export may not be someone who created or reset the credentials of the
  // requester's account (or of an account in between) within this many days (0: only the requester).
  MINQING_EXPORT_APPROVER_CREATOR_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  // Failed sign-ins from one address (all accounts together) in 15 minutes before the address is
  // blocked; high, because many people may share one address (a proxy, an office's NAT).
  MINQING_SIGNIN_ADDRESS_FAILURES: z.coerce.number().int().min(10).max(1_000_000).default(300),
  MINQING_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  // Records per transaction of a web import: its progress bar moves once per batch.
  MINQING_IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(1_000),
  // The case loop (issue 4): retried creates, attachments, notifications and the clock sweeper.
  MINQING_IDEMPOTENCY_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  MINQING_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  MINQING_SMS_DRIVER: z.enum(['log', 'http']).default('log'),
  MINQING_SMS_HTTP_URL: z.url().optional(),
  MINQING_SMS_HTTP_TOKEN: z.string().min(1).optional(),
  // Comma-separated endpoints that receive every case event, signed with the secret (HMAC-SHA256).
  MINQING_WEBHOOK_URLS: z.string().optional(),
  MINQING_WEBHOOK_SECRET: z.string().min(16).optional(),
  // The 12345 hotline (issue 15 §4): the secret its platform signs pushes with (and replies are
  // signed with), and the endpoint that receives replies and closings.
  MINQING_HOTLINE_SECRET: z.string().min(16).optional(),
  MINQING_HOTLINE_PUSH_URL: z.url().optional(),
  // Hours after a clock goes overdue (and its 催办) before the 督办 supervision notice.
  MINQING_SUPERVISION_DELAY_HOURS: z.coerce.number().min(0).max(720).default(24),
  MINQING_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  // Visits (issue 5): a check-in further than this from the target is flagged; night visits
  // start and end at these local (CST) times unless a district sets its own.
  MINQING_VISIT_FAR_METRES: z.coerce.number().int().min(10).max(100_000).default(300),
  MINQING_VISIT_NIGHT_FROM: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('18:00'),
  MINQING_VISIT_NIGHT_TO: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('07:00'),
  // The operator's own raster tile server under the grid map (XYZ, Web Mercator); unset: no tiles.
  MINQING_MAP_TILE_URL: z
    .string()
    .refine(isTileTemplate, 'must be an http(s) address holding {z}, {x} and {y}')
    .optional(),
  MINQING_MAP_TILE_MAX_ZOOM: z.coerce.number().int().min(0).max(22).default(18),
  MINQING_MAP_TILE_ATTRIBUTION: z.string().max(200).optional(),
  // Benchmarks only: 'off' stops keeping the figures as cases and visits change (to measure what
  // keeping them costs); the figures then need `minqing figures rebuild`.
  MINQING_FIGURES_MAINTAIN: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  database:
    | { kind: 'pglite'; dataDir: string }
    | { kind: 'postgres'; url: string; poolMax: number; statementTimeoutMs: number; poolWaitMs: number };
  dataDir: string;
  piiKey: string | undefined;
  /** The audit log's MAC key (unset: derived from the PII key) and its checkpoints outside the database. */
  audit: { key: string | undefined; checkpointDir: string; checkpointMinutes: number };
  backup: { intervalHours: number; keep: number; dir: string };
  /**
   * Load shedding (http/shedding.ts): requests allowed to wait for the database before new ones
   * answer 503 at once (undefined: the engine's default), how long the oldest of them may have
   * waited (PostgreSQL; 0: no bound), and the mean event-loop delay that sheds (0: off).
   */
  shedding: {
    queueMax: number | undefined;
    queueDelayMs: number;
    eventLoopDelayMs: number;
    /** Residents' and Open311 requests in progress at once (undefined: the engine's default). */
    outsideInFlight: number | undefined;
  };
  rateLimitPerMinute: number;
  /**
   * Public writes (the QR code form, phone codes, ratings) per client address and minute. Public
   * reads (code lookup, status page) allow PUBLIC_READS_PER_WRITE times as many.
   */
  publicRateLimitPerMinute: number;
  /** The body limit of a public report (its photos travel in base64 inside it). */
  publicReportMaxBytes: number;
  /** Open311 service requests per API key and minute (src/server/modules/open311). */
  open311RateLimitPerMinute: number;
  bodyLimitBytes: number;
  shutdownGraceMs: number;
  /** Reverse proxies in front whose X-Forwarded-For entries are trusted (0: none). */
  trustProxy: number;
  /** Origins allowed to send state-changing requests; empty: the request's own host (security.ts). */
  publicOrigins: string[];
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  session: { idleMinutes: number; maxHours: number; cookieSecure: boolean };
  /** Failed sign-ins from one address (every account together) in 15 minutes before it is blocked. */
  signInAddressFailures: number;
  passwordPolicy: PasswordPolicy;
  retention: RetentionSettings;
  /** Web imports and exports: personal-data exports per user per 24 h, largest upload. */
  transfer: {
    piiExportsPerDay: number;
    importMaxBytes: number;
    importBatchSize: number;
    approverCreatorDays: number;
  };
  public: { defaultLocale: 'zh-CN' | 'en'; version: string; mapTiles: MapTiles | null };
  cases: CaseSettings;
  visits: VisitSettings;
  /** Whether case changes and visits keep the figures (MINQING_FIGURES_MAINTAIN; off: benchmarks only). */
  figures: { maintain: boolean };
}

/** Visit defaults; a district may override night hours and the far limit (see visit-plans). */
export interface VisitSettings {
  farMetres: number;
  /** Local CST times HH:MM; a window across midnight when from > to. */
  nightFrom: string;
  nightTo: string;
}

/** The case loop's settings (see the operator guide). */
export interface CaseSettings {
  idempotencyDays: number;
  attachmentMaxBytes: number;
  attachmentDir: string;
  sms: { driver: 'log' | 'http'; url: string | undefined; token: string | undefined };
  webhooks: { urls: string[]; secret: string | undefined };
  /** The 12345 platform: the shared secret of its pushes and of ours, and where replies go. */
  hotline: { secret: string | undefined; pushUrl: string | undefined };
  supervisionDelayHours: number;
  sweepIntervalSeconds: number;
}

/** MLPS 2.0 defaults: length, mixed character classes and periodic change are on (docs/specs/trust.md §3). */
export interface PasswordPolicy {
  minLength: number;
  requireComplexity: boolean;
  maxAgeDays: number;
}

/** How long records are kept before the retention job anonymises or deletes them. */
export interface RetentionSettings {
  /** Days after a person's or household's removal before it is anonymised. */
  removedDays: number;
  /** Days an import's validation report is kept for download. */
  importReportDays: number;
  /** Days the audit log must be kept (by backups and archives; the application never deletes it). */
  auditDays: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const VERSION = '0.1.0';

/** Public reads (code lookup, status page) may run this many times the public write limit. */
export const PUBLIC_READS_PER_WRITE = 6;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.MINQING_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          poolMax: e.DATABASE_POOL_MAX,
          statementTimeoutMs: e.MINQING_STATEMENT_TIMEOUT_MS,
          poolWaitMs: e.MINQING_DB_POOL_WAIT_MS,
        }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    piiKey: e.MINQING_PII_KEY,
    audit: {
      key: e.MINQING_AUDIT_KEY,
      checkpointDir: path.resolve(e.MINQING_AUDIT_CHECKPOINT_DIR ?? path.join(dataDir, 'audit-checkpoints')),
      checkpointMinutes: e.MINQING_AUDIT_CHECKPOINT_MINUTES,
    },
    backup: {
      intervalHours: e.MINQING_BACKUP_INTERVAL_HOURS,
      keep: e.MINQING_BACKUP_KEEP,
      dir: path.resolve(e.MINQING_BACKUP_DIR ?? path.join(dataDir, 'backups')),
    },
    shedding: {
      queueMax: e.MINQING_DB_QUEUE_MAX,
      queueDelayMs: e.MINQING_DB_QUEUE_DELAY_MS ?? (e.DATABASE_URL ? 50 : 0),
      eventLoopDelayMs: e.MINQING_SHED_EVENT_LOOP_DELAY_MS ?? (e.DATABASE_URL ? 100 : 0),
      outsideInFlight: e.MINQING_SHED_OUTSIDE_IN_FLIGHT,
    },
    rateLimitPerMinute: e.MINQING_RATE_LIMIT_PER_MINUTE,
    publicRateLimitPerMinute: e.MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE,
    publicReportMaxBytes: e.MINQING_PUBLIC_REPORT_MAX_BYTES,
    open311RateLimitPerMinute: e.MINQING_OPEN311_RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: e.MINQING_BODY_LIMIT_BYTES,
    shutdownGraceMs: e.MINQING_SHUTDOWN_GRACE_MS,
    trustProxy: e.MINQING_TRUST_PROXY,
    publicOrigins: e.MINQING_PUBLIC_ORIGIN ?? [],
    logLevel: e.LOG_LEVEL,
    session: {
      idleMinutes: e.MINQING_SESSION_IDLE_MINUTES,
      maxHours: e.MINQING_SESSION_MAX_HOURS,
      cookieSecure: e.MINQING_COOKIE_SECURE,
    },
    signInAddressFailures: e.MINQING_SIGNIN_ADDRESS_FAILURES,
    passwordPolicy: {
      minLength: e.MINQING_PASSWORD_MIN_LENGTH,
      requireComplexity: e.MINQING_PASSWORD_COMPLEXITY,
      maxAgeDays: e.MINQING_PASSWORD_MAX_AGE_DAYS,
    },
    transfer: {
      piiExportsPerDay: e.MINQING_PII_EXPORTS_PER_DAY,
      importMaxBytes: e.MINQING_IMPORT_MAX_BYTES,
      importBatchSize: e.MINQING_IMPORT_BATCH_SIZE,
      approverCreatorDays: e.MINQING_EXPORT_APPROVER_CREATOR_DAYS,
    },
    retention: {
      removedDays: e.MINQING_RETENTION_REMOVED_DAYS,
      importReportDays: e.MINQING_IMPORT_REPORT_DAYS,
      auditDays: e.MINQING_AUDIT_RETENTION_DAYS,
    },
    public: {
      defaultLocale: e.MINQING_DEFAULT_LOCALE,
      version: VERSION,
      mapTiles: e.MINQING_MAP_TILE_URL
        ? {
            url: e.MINQING_MAP_TILE_URL,
            maxZoom: e.MINQING_MAP_TILE_MAX_ZOOM,
            attribution: e.MINQING_MAP_TILE_ATTRIBUTION ?? null,
          }
        : null,
    },
    cases: {
      idempotencyDays: e.MINQING_IDEMPOTENCY_DAYS,
      attachmentMaxBytes: e.MINQING_ATTACHMENT_MAX_BYTES,
      attachmentDir: path.join(dataDir, 'attachments'),
      sms: { driver: e.MINQING_SMS_DRIVER, url: e.MINQING_SMS_HTTP_URL, token: e.MINQING_SMS_HTTP_TOKEN },
      webhooks: {
        urls: (e.MINQING_WEBHOOK_URLS ?? '')
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean),
        secret: e.MINQING_WEBHOOK_SECRET,
      },
      hotline: { secret: e.MINQING_HOTLINE_SECRET, pushUrl: e.MINQING_HOTLINE_PUSH_URL },
      supervisionDelayHours: e.MINQING_SUPERVISION_DELAY_HOURS,
      sweepIntervalSeconds: e.MINQING_SWEEP_INTERVAL_SECONDS,
    },
    visits: {
      farMetres: e.MINQING_VISIT_FAR_METRES,
      nightFrom: e.MINQING_VISIT_NIGHT_FROM,
      nightTo: e.MINQING_VISIT_NIGHT_TO,
    },
    figures: { maintain: e.MINQING_FIGURES_MAINTAIN },
  };
}
