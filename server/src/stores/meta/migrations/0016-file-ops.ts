import type { Kysely, Migration } from 'kysely';

/**
 * Symbolic links and virtual files (files.md §8.4, §8.6). A symlink is an entry of type
 * `symlink` without a blob that names its target twice: by entry id (`link_target_id`), so the
 * link keeps pointing at its target after the target is renamed or moved, and by path
 * (`link_target_path`, the path the target had last time the link was resolved or created), so
 * the link follows a new file uploaded over the target (an overwrite inserts a new entry).
 * Virtual files need no column: type `virtual`, no blob, a declared size.
 */
export function fileOps(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('entries').addColumn('link_target_id', 'text').execute();
      await db.schema.alterTable('entries').addColumn('link_target_path', 'text').execute();
    },
  };
}
