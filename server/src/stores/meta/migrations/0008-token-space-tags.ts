import type { Kysely, Migration } from 'kysely';

/** Tokens may be limited to spaces carrying given tags (T1's `allow_space_tag`). */
export function tokenSpaceTags(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('tokens')
        .addColumn('allow_space_tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
  };
}
