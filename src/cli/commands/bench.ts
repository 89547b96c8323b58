import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const runner = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bench/run.ts');

export async function benchCommand(args: string[]): Promise<void> {
  const result = spawnSync(process.execPath, [runner, ...args], { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
}
