import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';
import { inTree } from './entry-repo.js';

/**
 * Moves `fromPath` and its subtree from one space id to another under `toPath`, in one statement:
 * how an extraction staged under a hidden space id becomes visible all at once.
 */
export async function moveTreeToSpace(
  db: Kysely<Database>,
  libraryId: string,
  from: { spaceId: string; path: string },
  to: { spaceId: string; path: string },
  now: number,
): Promise<void> {
  // substr counts code points on both dialects (see moveTree in entry-repo.ts).
  const cut = [...from.path].length + 1;
  const slash = to.path.lastIndexOf('/');
  const toParent = slash < 0 ? '' : to.path.slice(0, slash);
  const toName = to.path.slice(slash + 1);
  await db
    .updateTable('entries')
    .set({
      space_id: to.spaceId,
      path: sql`${to.path} || substr(path, ${cut})`,
      parent: sql`case when path = ${from.path} then ${toParent} else ${to.path} || substr(parent, ${cut}) end`,
      name: sql`case when path = ${from.path} then ${toName} else name end`,
      modified_at: sql`case when path = ${from.path} then ${now} else modified_at end`,
    })
    .where('library_id', '=', libraryId)
    .where('space_id', '=', from.spaceId)
    .where(inTree(from.path))
    .execute();
}
