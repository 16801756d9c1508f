import type { Generated } from 'kysely';

/** Table shapes as Kysely sees them. Times are epoch milliseconds; sizes are byte counts. */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface LibrariesTable {
  id: string;
  name: string;
  remark: string;
  secret: string;
  settings: string;
  created_at: number;
  updated_at: number;
}

export interface SpacesTable {
  library_id: string;
  space_id: string;
  user_id: string;
  extension: string;
  size: number;
  created_at: number;
}

export interface TokensTable {
  token_hash: string;
  library_id: string;
  space_ids: string;
  user_id: string;
  client_id: string;
  session_id: string;
  grants: string;
  allow_space_tags: string;
  period: number;
  expires_at: number;
  created_at: number;
}

export interface BlobsTable {
  key: string;
  size: number;
  md5: string;
  crc64: string;
  beginning_hash: string | null;
  full_hash: string | null;
  ref_count: number;
  created_at: number;
}

export interface EntriesTable {
  id: string;
  library_id: string;
  space_id: string;
  path: string;
  parent: string;
  name: string;
  type: string;
  blob_key: string | null;
  size: number;
  content_type: string;
  crc64: string;
  etag: string;
  meta: string;
  labels: string;
  category: string;
  local_creation_time: string;
  local_modification_time: string;
  user_id: string;
  version_id: number;
  revision: number;
  created_at: number;
  modified_at: number;
  /** generated (migration 0013): 0 for a directory, 1 for anything else; never written */
  dir_first: Generated<number>;
  /** symlinks only (migration 0016): the target's entry id and last known path */
  link_target_id: string | null;
  link_target_path: string | null;
}

export interface UploadsTable {
  confirm_key: string;
  library_id: string;
  space_id: string;
  path: string;
  kind: string;
  strategy: string;
  user_id: string;
  attributes: string;
  status: string;
  blob_key: string | null;
  digest: string | null;
  created_at: number;
  expires_at: number;
  claim: string | null;
  reserved: Generated<number>;
}

export interface UploadPartsTable {
  confirm_key: string;
  part_number: number;
  size: number;
  etag: string;
  crc64: string;
  created_at: number;
  slot: number | null;
}

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: number;
  locked_by: string | null;
  locked_until: number | null;
  result: string | null;
  error: string | null;
  library_id: string;
  space_id: string;
  user_id: string;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface SearchesTable {
  id: string;
  library_id: string;
  space_id: string;
  user_id: string;
  query: string;
  created_at: number;
  expires_at: number;
}

export interface SearchMarkersTable {
  search_id: string;
  marker: number;
  cursor: string;
}

export interface FavoritesTable {
  id: Generated<number>;
  library_id: string;
  space_id: string;
  user_id: string;
  entry_id: string;
  created_at: number;
}

export interface RecentFilesTable {
  library_id: string;
  space_id: string;
  user_id: string;
  entry_id: string;
  action: string;
  operated_at: number;
}

/** A recycle-bin item (migration 0005); its entries live under space_id `<space>/bin/<id>`. */
export interface RecycledItemsTable {
  id: Generated<number>;
  library_id: string;
  space_id: string;
  entry_id: string;
  path: string;
  type: string;
  size: number;
  file_count: number;
  dir_count: number;
  removed_at: number;
  removed_by: string;
  retention_days: number;
  expires_at: number | null;
  purging: number;
}

export interface RecycleBinSettingsTable {
  library_id: string;
  space_id: string;
  retention_days: number;
  updated_at: number;
}

/** A quota (migration 0006): `used` is the summed size of the spaces in quota_spaces. */
export interface QuotasTable {
  id: Generated<number>;
  library_id: string;
  capacity: number;
  used: number;
  remove_when_exceed: number;
  remove_after_days: number;
  remove_newest: number;
  created_at: number;
  updated_at: number;
}

export interface QuotaSpacesTable {
  library_id: string;
  space_id: string;
  quota_id: number;
}

/** Summed size of a library with EnableQuota, the counter its library quota is enforced on. */
export interface LibraryUsageTable {
  library_id: string;
  used: number;
}

/** A kept historical version of a file (migration 0007, version-store.ts). */
export interface FileVersionsTable {
  id: Generated<number>;
  library_id: string;
  space_id: string;
  entry_id: string;
  version: number;
  name: string;
  type: string;
  blob_key: string;
  size: number;
  content_type: string;
  crc64: string;
  etag: string;
  created_by: string;
  creation_way: number;
  created_at: number;
  set_latest_at: number;
  archived_at: number;
}

/** A share link (migration 0012, share-store.ts); `config` is JSON (ShareConfig). */
export interface SharesTable {
  id: Generated<number>;
  code: string;
  library_id: string;
  space_id: string;
  creator_id: string;
  name: string;
  entry_ids: string;
  config: string;
  expires_at: number | null;
  owner_enabled: number;
  admin_enabled: number;
  preview_limit: number;
  preview_used: number;
  download_limit: number;
  download_used: number;
  user_limit: number;
  user_used: number;
  revision: number;
  created_at: number;
  updated_at: number;
}

export interface ShareVisitorsTable {
  share_id: number;
  user_id: string;
  created_at: number;
}

/** Per-space numbering of the change feed (migration 0011, feed-store.ts). */
export interface FsFeedCountersTable {
  library_id: string;
  space_id: string;
  last_seq: number;
  purged_seq: number;
}

/** One change-feed event (migration 0011). */
export interface FsEventsTable {
  library_id: string;
  space_id: string;
  seq: number;
  event_type: string;
  created_at: number;
  payload: string;
}

export interface RenditionsTable {
  source_key: string;
  params: string;
  blob_key: string;
  content_type: string;
  size: number;
  width: number;
  height: number;
  created_at: number;
}

export interface MediaInfoTable {
  blob_key: string;
  info: string;
  created_at: number;
}

export interface Database {
  jobs: JobsTable;
  settings: SettingsTable;
  libraries: LibrariesTable;
  spaces: SpacesTable;
  tokens: TokensTable;
  blobs: BlobsTable;
  entries: EntriesTable;
  uploads: UploadsTable;
  upload_parts: UploadPartsTable;
  searches: SearchesTable;
  search_markers: SearchMarkersTable;
  favorites: FavoritesTable;
  recent_files: RecentFilesTable;
  recycled_items: RecycledItemsTable;
  recycle_bin_settings: RecycleBinSettingsTable;
  quotas: QuotasTable;
  quota_spaces: QuotaSpacesTable;
  library_usage: LibraryUsageTable;
  file_versions: FileVersionsTable;
  shares: SharesTable;
  share_visitors: ShareVisitorsTable;
  fs_feed_counters: FsFeedCountersTable;
  fs_events: FsEventsTable;
  orphan_candidates: OrphanCandidatesTable;
  renditions: RenditionsTable;
  media_info: MediaInfoTable;
}

export interface OrphanCandidatesTable {
  blob_key: string;
  first_seen_at: number;
  last_seen_at: number;
}
