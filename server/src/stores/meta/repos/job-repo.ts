import { type Kysely, type Selectable, sql } from 'kysely';
import type { Job, JobRepo, JobStatus } from '../meta-store.js';
import type { Database, JobsTable } from '../schema.js';

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: Number(row.id),
    name: row.name,
    payload: JSON.parse(row.payload),
    status: row.status as JobStatus,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: Number(row.run_at),
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
    result: row.result === null ? null : JSON.parse(row.result),
    error: row.error,
    libraryId: row.library_id,
    spaceId: row.space_id,
    userId: row.user_id,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

export function jobRepo(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): JobRepo {
  return {
    async enqueue(job, now) {
      const row = await db
        .insertInto('jobs')
        .values({
          name: job.name,
          payload: JSON.stringify(job.payload ?? null),
          status: 'queued',
          attempts: 0,
          max_attempts: job.maxAttempts ?? 5,
          run_at: job.runAt ?? now,
          locked_by: null,
          locked_until: null,
          result: null,
          error: null,
          library_id: job.libraryId ?? '',
          space_id: job.spaceId ?? '',
          user_id: job.userId ?? '',
          created_at: now,
          updated_at: now,
          finished_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async claim(workerId, now, leaseMs, names) {
      if (names.length === 0) {
        return null;
      }
      // The candidate is picked and locked in one statement; on PostgreSQL SKIP LOCKED lets
      // several nodes claim different jobs at once, and SQLite serialises writers anyway.
      let candidate = db
        .selectFrom('jobs')
        .select('id')
        .where('name', 'in', names)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('id')
        .limit(1);
      if (dialect === 'postgres') {
        candidate = candidate.forUpdate().skipLocked();
      }
      const row = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          locked_by: workerId,
          locked_until: now + leaseMs,
          attempts: eb('attempts', '+', 1),
          updated_at: now,
        }))
        .where('id', '=', candidate)
        .returningAll()
        .executeTakeFirst();
      return row ? toJob(row) : null;
    },
    async heartbeat(id, workerId, lockedUntil) {
      const result = await db
        .updateTable('jobs')
        .set({ locked_until: lockedUntil })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async complete(id, workerId, result, now) {
      const updated = await db
        .updateTable('jobs')
        .set({ status: 'succeeded', result: JSON.stringify(result ?? null), locked_until: null, updated_at: now, finished_at: now })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },
    async saveProgress(id, workerId, progress, now) {
      const updated = await db
        .updateTable('jobs')
        .set({ result: JSON.stringify(progress ?? null), updated_at: now })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },
    async fail(id, workerId, error, now, retryAt) {
      const updated = await db
        .updateTable('jobs')
        .set({
          status: sql`case when attempts < max_attempts then 'queued' else 'failed' end`,
          finished_at: sql`case when attempts < max_attempts then null else cast(${now} as bigint) end`,
          run_at: retryAt,
          error,
          locked_until: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },
    async get(id) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toJob(row) : null;
    },
    async deleteFinishedBefore(before) {
      const result = await db.deleteFrom('jobs').where('finished_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
