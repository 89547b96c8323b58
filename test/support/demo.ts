import { seed } from '../../src/server/seed/seed.ts';
import type { TestApp } from './app.ts';
import { injectSender, signIn } from './auth.ts';

let counter = 0;

/** A small demo street (all grids and accounts, few households) in the test app's database. */
export async function seedSmallDemo(t: TestApp, households = 200) {
  await seed(t.database, { scale: 'demo', households, cipher: t.app.ctx.cipher });
  const key = `demo-${process.pid}-${counter++}`;
  const send = injectSender(t.app);
  return {
    send,
    signIn: (username: string) => signIn(send, username, key),
  };
}
