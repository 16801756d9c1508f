import type SQLite from 'better-sqlite3';
import { type DatabaseConnection, type Driver, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';

/**
 * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM).
 * Kysely then issues its own ROLLBACK, which fails with "cannot rollback - no transaction is
 * active" and replaces the real error: a full disk showed up in the log as that message. This
 * driver skips the ROLLBACK when the connection is no longer in a transaction, so the caller
 * sees (and logs, and maps to 507 StorageFull) the error SQLite actually raised.
 */
class SafeRollbackDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly database: SQLite.Database,
  ) {
    super(config);
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.database.inTransaction) {
      return;
    }
    await super.rollbackTransaction(connection);
  }
}

export class SafeRollbackSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig & { database: SQLite.Database }) {
    super(settings);
  }

  override createDriver(): Driver {
    return new SafeRollbackDriver(this.settings, this.settings.database);
  }
}
