import fs from 'node:fs';
import { Secret, TOTP } from 'otpauth';

/**
 * What the e2e run knows about each demo account, shared by the test files through a JSON file
 * (they run one after another, each in its own process, against one server): the authenticator
 * secret read at enrolment, the last TOTP time step used (the server accepts a step only once,
 * and none at or before the last), a session cookie to reuse, and the password if it changed.
 */
export interface AccountState {
  password?: string;
  secret?: string;
  lastStep?: number;
  recoveryCodes?: string[];
  /** `mq_session=<value>`, valid until someone signs it out. */
  cookie?: { name: string; value: string };
}

type AccountsState = Record<string, AccountState>;

export class Accounts {
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  private read(): AccountsState {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as AccountsState;
    } catch {
      return {};
    }
  }

  get(username: string): AccountState {
    return this.read()[username] ?? {};
  }

  update(username: string, change: Partial<AccountState> | ((current: AccountState) => AccountState)): void {
    const all = this.read();
    const current = all[username] ?? {};
    all[username] = typeof change === 'function' ? change(current) : { ...current, ...change };
    fs.writeFileSync(this.file, JSON.stringify(all, null, 2));
  }

  forgetSession(username: string): void {
    this.update(username, ({ cookie: _cookie, ...rest }) => rest);
  }

  /**
   * A code for the account's authenticator that the server will take: the earliest time step it
   * accepts now (current ±1) that is after the last one used, keeping clear of a window that is
   * about to close; waits for the clock when all three were used already.
   */
  async nextTotpCode(username: string): Promise<string> {
    const { secret, lastStep } = this.get(username);
    if (!secret) throw new Error(`${username} has no enrolled authenticator in this run`);
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    while (true) {
      const now = Date.now();
      // Steps the server accepts both now and 5 s from now (the request takes a moment).
      const lowest = Math.floor((now + 5_000) / 30_000) - 1;
      const highest = Math.floor(now / 30_000) + 1;
      const step = Math.max(lowest, (lastStep ?? Number.NEGATIVE_INFINITY) + 1);
      if (step <= highest) {
        this.update(username, { lastStep: step });
        return totp.generate({ timestamp: step * 30_000 + 1_000 });
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
