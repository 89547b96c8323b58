import type { Config } from './config.ts';
import { createAuditMac } from './crypto/audit-mac.ts';
import { resolveAuditKey, resolvePiiKey } from './crypto/keys.ts';
import { createPiiCipher, type PiiCipher } from './crypto/pii.ts';
import type { Database } from './db/engine.ts';
import { setAuditMac } from './modules/audit/audit-chain.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createDepartmentRepository } from './modules/departments/departments.repository.ts';
import { createEnterpriseRepository } from './modules/enterprises/enterprises.repository.ts';
import { setFigureMaintenance } from './modules/figures/maintenance.ts';
import { createHouseholdRepository } from './modules/households/households.repository.ts';
import { createRegionRepository } from './modules/regions/regions.repository.ts';
import { createSettingsRepository } from './modules/system/settings.repository.ts';
import { createTagRepository } from './modules/tags/tags.repository.ts';
import { createUserRepository } from './modules/users/users.repository.ts';

/** Everything a request handler may reach, built once per process and passed explicitly. */
export interface AppContext {
  config: Config;
  database: Database;
  cipher: PiiCipher;
  repositories: ReturnType<typeof createRepositories>;
  services: ReturnType<typeof createServices>;
  /**
   * Asks the embedded statistics job to look at the tables now, without waiting for it (after bulk
   * writes such as a field sync). A no-op until the server's jobs start, and on PostgreSQL.
   */
  nudgeStatistics: () => void;
}

export function createRepositories(database: Database) {
  return {
    regions: createRegionRepository(database.db),
    households: createHouseholdRepository(database.db),
    enterprises: createEnterpriseRepository(database.db),
    settings: createSettingsRepository(database.db),
    users: createUserRepository(database.db),
    tags: createTagRepository(database.db),
    departments: createDepartmentRepository(database.db),
  };
}

function createServices(config: Config, database: Database, cipher: PiiCipher) {
  return { auth: createAuthService({ db: database.db, config, cipher }) };
}

export function createContext(config: Config, database: Database): AppContext {
  const cipher = createPiiCipher(resolvePiiKey(config).key);
  // Every audit row this process appends is keyed with the deployment's audit key.
  setAuditMac(createAuditMac(resolveAuditKey(config)));
  setFigureMaintenance(config.figures.maintain);
  return {
    config,
    database,
    cipher,
    repositories: createRepositories(database),
    services: createServices(config, database, cipher),
    nudgeStatistics: () => {},
  };
}
