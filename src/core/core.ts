import type { PersonaDatabase } from '../db/database.ts';
import type { EventBus } from '../events/bus.ts';
import { AccountsRepository } from './accounts/accounts.repository.ts';
import { AccountsService } from './accounts/accounts.service.ts';
import { AppsRepository } from './apps/apps.repository.ts';
import { AppsService } from './apps/apps.service.ts';
import { IdentityService } from './identity/identity.service.ts';
import type { User } from './identity/identity.types.ts';
import { TokenCache } from './identity/token-cache.ts';
import { TokensRepository } from './identity/tokens.repository.ts';
import { UsersRepository } from './identity/users.repository.ts';
import { InstanceCache } from './instance-cache.ts';

/** The core's services, as faces see them. */
export interface Core {
  apps: AppsService;
  identity: IdentityService;
  accounts: AccountsService;
}

export interface CoreOptions {
  /** Entries of the per-instance token cache; 0 disables it. */
  tokenCacheSize: number;
  /** Entries of the per-instance cache of user rows read by id; 0 disables it. */
  userCacheSize: number;
}

/** Wires repositories and services over one database and one event bus. */
export function createCore(database: PersonaDatabase, bus: EventBus, options: CoreOptions): Core {
  const { db } = database;
  const users = new UsersRepository(db);
  const tokens = new TokensRepository(db);
  const apps = new AppsService(new AppsRepository(db), bus);
  const cache = new TokenCache(options.tokenCacheSize);
  cache.listen(bus);
  const identity = new IdentityService(db, users, tokens, apps, bus, cache);
  const userCache = new InstanceCache<User>(options.userCacheSize);
  const accounts = new AccountsService(users, new AccountsRepository(users), tokens, identity, apps, bus, userCache);
  return { apps, identity, accounts };
}
