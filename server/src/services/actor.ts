import type { Library } from '../stores/meta/meta-store.js';

/** Every grant SMH defines (core.md §3 T1, files.md §1.7). */
export const GRANTS = [
  'acl',
  'admin',
  'create_space',
  'delete_space',
  'space_admin',
  'create_directory',
  'delete_directory',
  'delete_directory_permanent',
  'move_directory',
  'copy_directory',
  'upload_file',
  'upload_file_force',
  'begin_upload',
  'begin_upload_force',
  'confirm_upload',
  'create_symlink',
  'create_symlink_force',
  'create_virtual',
  'delete_file',
  'delete_file_permanent',
  'move_file',
  'move_file_force',
  'copy_file',
  'copy_file_force',
  'delete_recycled',
  'restore_recycled',
  'delete_history',
  'set_history_latest',
] as const;

export type Grant = (typeof GRANTS)[number];

/**
 * Who is calling, resolved once per request by the auth plugin: the library, the spaces the
 * credential may touch (null = all), its grants and the acting user id.
 */
export interface Actor {
  readonly kind: 'token' | 'secret' | 'public';
  readonly library: Library;
  /** spaces the credential is bound to; null = every space of the library */
  readonly spaceIds: readonly string[] | null;
  readonly grants: ReadonlySet<string>;
  readonly userId: string;
  /** with a token minted with `allow_space_tag`: only spaces carrying one of these tags */
  readonly allowSpaceTags?: readonly string[];
}

export function isAdmin(actor: Actor): boolean {
  return actor.grants.has('admin');
}
