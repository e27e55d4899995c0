import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Demo accounts use the published demo password; a production start refuses to run while one can log in. */
    isDemo: boolean('is_demo').notNull().default(false),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    /** Consecutive failed logins; reaching the limit locks the account until `lockedUntil`. */
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /**
     * The official of the org chart (org_officials.id) this account belongs to, when linked: history, pickers and
     * workload show the person's name and position. At most one account per official. No foreign key: the org
     * module owns its table; the link is checked when written.
     */
    officialId: uuid('official_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_username_idx').on(t.username),
    uniqueIndex('accounts_official_idx').on(t.officialId),
  ],
);

/** A role granted in one place: system-wide (no scope), a province, or a commune. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text('role').notNull(),
    provinceCode: text('province_code'),
    communeCode: text('commune_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('role_grants_account_idx').on(t.accountId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a stolen database does not yield live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    clientAddress: text('client_address'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** API tokens for system-to-system use: scoped to permissions (and optionally one commune), revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    /** sha256 of the token; the token itself is shown once, at creation. */
    tokenHash: text('token_hash').notNull(),
    permissions: text('permissions').array().notNull(),
    communeCode: text('commune_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_idx').on(t.tokenHash),
    index('api_tokens_account_idx').on(t.accountId),
  ],
);

/**
 * Failed logins per (username as typed, client address) and per client address (auth/login-throttle.ts): the
 * back-off of one address never locks the account for anyone else. A success deletes the pair's row; an
 * administrator may delete any row (lift a block).
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    key: text('key').primaryKey(),
    /** The username as typed (folded), null for an address's own row. */
    username: text('username'),
    clientAddress: text('client_address'),
    failures: integer('failures').notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (t) => [index('login_throttles_blocked_idx').on(t.blockedUntil)],
);
