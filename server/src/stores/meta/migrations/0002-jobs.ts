import type { Kysely, Migration } from 'kysely';
import { autoIdType, type Dialect } from './dialect.js';

/**
 * The durable job queue: a table in the metadata database, so the embedded setup needs no extra
 * service and several API nodes share one queue (claimed with SKIP LOCKED on PostgreSQL).
 */
export function jobs(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('jobs')
        .addColumn('id', autoIdType(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('run_at', 'bigint', (c) => c.notNull())
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', 'bigint')
        .addColumn('result', 'text')
        .addColumn('error', 'text')
        .addColumn('library_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .execute();
      await db.schema.createIndex('jobs_ready').on('jobs').columns(['status', 'run_at']).execute();
      await db.schema.createIndex('jobs_finished').on('jobs').column('finished_at').execute();
    },
  };
}
