import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { createAuditMac } from '../../src/server/crypto/audit-mac.ts';
import { createPiiCipher, generatePiiKey } from '../../src/server/crypto/pii.ts';
import { openDatabase, openPglite } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { setAuditMac } from '../../src/server/modules/audit/audit-chain.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { fetchSender, signIn } from '../support/auth.ts';
import { runCli } from '../support/cli.ts';
import { createProcessEnv, testEngine } from '../support/db.ts';
import { firstGridOfUser } from '../support/demo.ts';
import { type KillableServer, startKillableServer } from '../support/killable-server.ts';

/**
 * The server killed with SIGKILL under concurrent writes (issue 16 §7; docs/specs/trust.md §21, §22):
 * `minqing start` in its own process, as production runs it, takes staff intake with
 * Idempotency-Keys, the field app's visit sync (client ids) and the public QR form, is killed
 * mid-stream and restarted on the same data (KILLS times). Every acknowledged write is there
 * exactly once and each of its answers names the same record; every write that got no answer and
 * is sent again (same key, same body) lands at most once; nothing lands that no one asked for; a
 * replay adds no audit row and queues no message again; and the audit chain still verifies
 * (`minqing audit verify`). On PostgreSQL only the server is killed, never the database.
 *
 * Nothing here depends on timing: the kill comes after a number of acknowledged writes, and how
 * many requests it cuts mid-flight is whatever it is; the checks hold for any cut.
 */

type Kind = 'case' | 'public' | 'visits';

/** One write the client means to make, sent again until it is acknowledged. */
interface Intent {
  kind: Kind;
  /** Idempotency-Key (intake, public form); the batch's name for a sync. */
  key: string;
  body: Record<string, unknown>;
  /** What identifies each record it makes once stored: a case's title, a visit's client id. */
  markers: string[];
  /** Every 2xx answer, as marker → the id it named (case id, case number, visit id). */
  answers: Record<string, string>[];
}

/** Requests in flight at once: two per kind of write. */
const LOOPS: Kind[] = ['case', 'public', 'visits', 'case', 'public', 'visits'];
/** Acknowledged writes before each kill (at least ACKS_PER_KIND of each kind). */
const ACKS_BEFORE_KILL = 24;
const ACKS_PER_KIND = 3;
/**
 * Kill and restart rounds; from the second on, the kill comes while the writes the previous one
 * cut are sent again, so a re-sent write may itself be cut. An embedded restart (PGlite
 * recovering its data directory in the server's own process) costs 4–25 s on a loaded 2-core
 * machine against 2–6 s on PostgreSQL, so the embedded run kills once to stay near a minute.
 */
const KILLS = testEngine() === 'pglite' ? 1 : 2;
const VISITS_PER_BATCH = 3;
/** Only catches a hang; no step depends on how fast the machine is (vitest.config.ts). */
const HANG_GUARD_MS = 240_000;

describe(`the server killed with SIGKILL under concurrent writes (${testEngine()})`, () => {
  it('keeps every acknowledged write exactly once, lands re-sent ones at most once, and its audit chain verifies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-kill-'));
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const processEnv = await createProcessEnv(dataDir);
    const piiKey = generatePiiKey();
    const auditKey = crypto.randomBytes(32).toString('base64');
    const env = { ...processEnv.env, MINQING_PII_KEY: piiKey, MINQING_AUDIT_KEY: auditKey };
    const logFile = path.join(dir, 'server.log');
    let server: KillableServer | undefined;
    try {
      // A small demo street (all grids and accounts, 20 households), keyed as the server keys it.
      const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
      setAuditMac(createAuditMac(Buffer.from(auditKey, 'base64')));
      // PGlite is seeded in memory from the run's migrated template (test/support/global-setup.ts)
      // and unpacked into the data directory after: opening a new directory durably (a sync of
      // every file) would cost more than the whole rest of the test.
      const setup =
        config.database.kind === 'pglite'
          ? await openPglite({ loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) })
          : await openDatabase(config);
      let gridId: string;
      let workerId: string;
      try {
        await migrateToLatest(setup.db);
        await seed(setup, { scale: 'demo', households: 20, cipher: createPiiCipher(piiKey) });
        gridId = (await firstGridOfUser(setup.db, 'worker1')).id;
        workerId = (
          await setup.db
            .selectFrom('app_user')
            .select('id')
            .where('username', '=', 'worker1')
            .executeTakeFirstOrThrow()
        ).id;
        if (config.database.kind === 'pglite' && 'pglite' in setup) {
          const seeded = await (setup.pglite as PGlite).dumpDataDir('none');
          const unpacked = await PGlite.create({ dataDir: config.database.dataDir, loadDataDir: seeded });
          await unpacked.close();
        }
      } finally {
        await setup.close();
      }
      server = await startKillableServer({ env, logFile });
      // The session is a database row: it outlives the process, as a browser's would.
      const cookie = await signIn(fetchSender(server.url), 'worker1', `kill-${process.pid}-${Date.now()}`);

      const run = `KT${crypto.randomBytes(4).toString('hex')}`;
      let serial = 0;
      const visitDay = new Date(Date.now() - 2 * 86_400_000);
      const at = (minutes: number) => new Date(visitDay.getTime() + minutes * 60_000).toISOString();
      const newIntent = (kind: Kind): Intent => {
        const n = serial++;
        const key = `${run}-${kind}-${n}`;
        const intent = (markers: string[], body: Record<string, unknown>): Intent => ({
          kind,
          key,
          markers,
          answers: [],
          body,
        });
        if (kind === 'case') {
          const title = `${run} 职员受理 ${n}`;
          return intent([title], {
            channel: 'visit',
            kind: 'help',
            urgency: 'ordinary',
            title,
            description: `进程被强行终止时的受理 ${key}，应当恰好保存一次。`,
            regionId: gridId,
            reporter: { type: 'resident', name: '张三', phone: '13812345678' },
          });
        }
        if (kind === 'public') {
          const title = `${run} 扫码反映 ${n}`;
          return intent([title], {
            regionId: gridId,
            kind: 'help',
            title,
            description: `扫码表单在进程被强行终止时提交 ${key}。`,
            name: '李先生',
            phone: '13912345678',
          });
        }
        const clientIds = Array.from({ length: VISITS_PER_BATCH }, (_, i) => `${key}-v${i}`);
        return intent(clientIds, {
          visits: clientIds.map((clientId, i) => ({
            clientId,
            visit: {
              form: 'routine',
              target: { type: 'forum', regionId: gridId, placeName: '村民议事会', attendance: 12 },
              startedAt: at(n * 10 + i),
              endedAt: at(n * 10 + i + 5),
              notes: `${run} ${clientId}`,
            },
          })),
        });
      };

      const intents: Intent[] = [];
      /** Answers that are neither 2xx nor "try again later": each one is a failure of the test. */
      const refused: string[] = [];
      type Outcome = 'acked' | 'unanswered' | 'busy' | 'refused';

      const attempt = async (url: string, intent: Intent): Promise<Outcome> => {
        const target = {
          case: '/api/v1/cases',
          public: '/api/v1/public/reports',
          visits: '/api/v1/visits/sync',
        }[intent.kind];
        let res: Response;
        let text: string;
        try {
          res = await fetch(`${url}${target}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(intent.kind === 'public' ? {} : { cookie }),
              ...(intent.kind === 'visits' ? {} : { 'idempotency-key': intent.key }),
            },
            body: JSON.stringify(intent.body),
          });
          text = await res.text();
        } catch {
          return 'unanswered'; // the connection died before the whole answer arrived
        }
        // 409 REQUEST_IN_PROGRESS (a key claimed in a commit of its own by a process that died,
        // until it is abandoned) and 503 (the database not ready yet) mean "send it again later".
        if (res.status === 409 || res.status === 503) return 'busy';
        const json = res.ok ? (JSON.parse(text) as Record<string, unknown>) : undefined;
        if (intent.kind === 'case' && res.status === 201 && json) {
          intent.answers.push({ [intent.markers[0] as string]: `${json.id} ${json.number}` });
          return 'acked';
        }
        if (intent.kind === 'public' && res.status === 201 && json) {
          intent.answers.push({ [intent.markers[0] as string]: String(json.number) });
          return 'acked';
        }
        if (intent.kind === 'visits' && res.status === 200 && json) {
          const results = json.results as {
            clientId: string;
            status: number;
            visit: { id: string } | null;
          }[];
          if (results.every((r) => (r.status === 201 || r.status === 200) && r.visit)) {
            intent.answers.push(Object.fromEntries(results.map((r) => [r.clientId, r.visit?.id as string])));
            return 'acked';
          }
        }
        refused.push(`${intent.key}: ${res.status} ${text.slice(0, 300)}`);
        return 'refused';
      };

      /**
       * Two writers of each kind send new writes (and, first, the `resend` queue) until
       * ACKS_BEFORE_KILL new ones are acknowledged, then the server is killed under them.
       */
      const loadThenKill = async (running: KillableServer, resend: Intent[]) => {
        let stop = false;
        const acks: Record<Kind, number> = { case: 0, public: 0, visits: 0 };
        const writer = async (kind: Kind) => {
          while (!stop) {
            const again = resend.shift();
            const intent = again ?? newIntent(kind);
            if (!again) intents.push(intent);
            const outcome = await attempt(running.url, intent);
            if (outcome === 'acked' && !again) acks[intent.kind]++;
            if (outcome === 'busy') {
              resend.push(intent);
              await sleep(200);
            }
            if (outcome === 'refused') return;
          }
        };
        const writers = LOOPS.map(writer);
        const since = Date.now();
        const total = () => acks.case + acks.public + acks.visits;
        while (
          resend.length > 0 ||
          total() < ACKS_BEFORE_KILL ||
          Object.values(acks).some((n) => n < ACKS_PER_KIND)
        ) {
          if (refused.length > 0 || Date.now() - since > HANG_GUARD_MS) break;
          await sleep(10);
        }
        // Stop issuing and kill at once: the requests in flight now are cut mid-way.
        stop = true;
        await running.kill();
        await Promise.all(writers);
        expect(refused).toEqual([]);
        expect(total()).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
      };
      // Round 1 sends new writes only; a later round first sends again the writes left unanswered
      // (same key, same body) and replays every acknowledged one, under new load.
      for (let round = 1; round <= KILLS; round++) {
        await loadThenKill(server, round === 1 ? [] : [...intents]);
        server = await startKillableServer({ env, logFile });
      }

      // After the last restart every write is sent again until it is answered: the unanswered
      // ones land (or replay what landed), the acknowledged ones replay their first answer.
      const since = Date.now();
      const pending = [...intents];
      while (pending.length > 0 && refused.length === 0 && Date.now() - since < HANG_GUARD_MS) {
        const batch = pending.splice(0, 4);
        const outcomes = await Promise.all(
          batch.map((intent) => attempt((server as KillableServer).url, intent)),
        );
        const again = batch.filter((_, i) => outcomes[i] === 'busy' || outcomes[i] === 'unanswered');
        if (again.length > 0) {
          pending.push(...again);
          await sleep(500);
        }
      }
      expect(refused).toEqual([]);
      expect(pending.map((i) => i.key)).toEqual([]);
      expect(await server.stop()).toBe(0);

      // Every answer an intent ever got names the same record.
      const answered = new Map<string, string>();
      const disagreeing: string[] = [];
      for (const intent of intents) {
        for (const marker of intent.markers) {
          const named = new Set(intent.answers.map((a) => a[marker]));
          if (named.size !== 1 || named.has(undefined))
            disagreeing.push(`${marker}: ${[...named].join(', ')}`);
          answered.set(marker, [...named][0] as string);
        }
      }
      expect(disagreeing).toEqual([]);

      const database = await openDatabase(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
      try {
        const db = database.db;
        const cases = await db
          .selectFrom('case_record')
          .select(['id', 'number', 'title'])
          .where('title', 'like', `${run} %`)
          .execute();
        const visits = await db
          .selectFrom('visit')
          .select(['id', 'notes'])
          .where('notes', 'like', `${run} %`)
          .execute();
        // marker → what the database holds for it, in the answers' terms.
        const stored = new Map<string, string[]>();
        const store = (marker: string, value: string) =>
          stored.set(marker, [...(stored.get(marker) ?? []), value]);
        for (const c of cases)
          store(c.title, c.title.includes('扫码反映') ? c.number : `${c.id} ${c.number}`);
        for (const v of visits) store(v.notes.slice(run.length + 1), v.id);

        // Exactly one record per intended write, the one its answers named; nothing unasked for.
        const wrong = [...answered]
          .map(([marker, id]) => ({ marker, answered: id, stored: stored.get(marker) ?? [] }))
          .filter((w) => w.stored.length !== 1 || w.stored[0] !== w.answered);
        expect(wrong).toEqual([]);
        expect([...stored.keys()].filter((marker) => !answered.has(marker))).toEqual([]);
        expect(answered.size).toBe(intents.reduce((n, i) => n + i.markers.length, 0));

        // One audit row per record (a replay writes none), and the key of each write kept.
        const audited = await db
          .selectFrom('audit_log')
          .select(['object_id', 'action'])
          .where((eb) => {
            const recorded = (action: string, ids: string[]) =>
              eb.and([eb('action', '=', action), eb('object_id', 'in', ids)]);
            return eb.or([
              recorded(
                'case.submitted',
                cases.map((c) => c.id),
              ),
              recorded(
                'visit.recorded',
                visits.map((v) => v.id),
              ),
            ]);
          })
          .execute();
        const auditCount = new Map<string, number>();
        for (const a of audited)
          auditCount.set(a.object_id as string, (auditCount.get(a.object_id as string) ?? 0) + 1);
        expect(
          [...cases.map((c) => c.id), ...visits.map((v) => v.id)].filter((id) => auditCount.get(id) !== 1),
        ).toEqual([]);
        // The messages a case queues commit with it: a replay queues none again.
        const queued = await db
          .selectFrom('outbox_message')
          .select(['case_id', 'channel', 'topic', 'recipient'])
          .where(
            'case_id',
            'in',
            cases.map((c) => c.id),
          )
          .execute();
        const messages = new Map<string, number>();
        for (const m of queued) {
          const what = `${m.case_id} ${m.channel} ${m.topic} ${m.recipient}`;
          messages.set(what, (messages.get(what) ?? 0) + 1);
        }
        expect([...messages].filter(([, n]) => n > 1)).toEqual([]);
        const keys = await db
          .selectFrom('idempotency_key')
          .select(['owner', 'key', 'status'])
          .where('key', 'like', `${run}-%`)
          .execute();
        const keyOf = new Map(keys.map((k) => [`${k.owner} ${k.key}`, k.status]));
        const expectedKeys = intents.flatMap((i) =>
          i.kind === 'case'
            ? [`${workerId} ${i.key}`]
            : i.kind === 'public'
              ? [`public ${i.key}`]
              : i.markers.map((clientId) => `${workerId} ${clientId}`),
        );
        expect(expectedKeys.filter((k) => keyOf.get(k) !== 'done')).toEqual([]);
        expect(keys).toHaveLength(expectedKeys.length);
      } finally {
        await database.close();
      }

      // The audit chain, rows and checkpoints, through the command an operator runs.
      const verify = await runCli(['audit', 'verify'], env);
      expect({ code: verify.code, out: `${verify.stdout}${verify.stderr}`.slice(-2000) }).toMatchObject({
        code: 0,
        out: expect.stringContaining('Audit log intact'),
      });
    } finally {
      await server?.kill();
      await processEnv.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
