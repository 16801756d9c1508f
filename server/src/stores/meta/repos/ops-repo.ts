import type { OpsRepo } from '../ops-store.js';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export function opsRepo(db: Kysely<Database>): OpsRepo {
  return {
    async stats() {
      const uploads = await db
        .selectFrom('uploads')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('status', '!=', 'confirmed')
        .executeTakeFirst();
      const jobs = await db
        .selectFrom('jobs')
        .select(['status', (eb) => eb.fn.countAll<string | number>().as('n'), (eb) => eb.fn.min('created_at').as('oldest')])
        .where('status', 'in', ['queued', 'running'])
        .groupBy('status')
        .execute();
      const queued = jobs.find((row) => row.status === 'queued');
      return {
        uploadsPending: Number(uploads?.n ?? 0),
        jobsQueued: Number(queued?.n ?? 0),
        jobsRunning: Number(jobs.find((row) => row.status === 'running')?.n ?? 0),
        oldestQueuedAt: queued?.oldest === undefined || queued.oldest === null ? null : Number(queued.oldest),
      };
    },
  };
}
