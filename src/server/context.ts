import type { Config } from './config.ts';
import type { Database } from './db/engine.ts';
import { createRegionRepository } from './modules/regions/regions.repository.ts';
import { createSettingsRepository } from './modules/system/settings.repository.ts';

/** Everything a request handler may reach, built once per process and passed explicitly. */
export interface AppContext {
  config: Config;
  database: Database;
  repositories: ReturnType<typeof createRepositories>;
}

export function createRepositories(database: Database) {
  return {
    regions: createRegionRepository(database.db),
    settings: createSettingsRepository(database.db),
  };
}

export function createContext(config: Config, database: Database): AppContext {
  return { config, database, repositories: createRepositories(database) };
}
