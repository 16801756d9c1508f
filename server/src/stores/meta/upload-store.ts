/** Upload tasks (files.md §6): their states, bytes and parts; implemented in repos/upload-repo.ts. */

export type UploadKind = 'simple' | 'multipart' | 'form';
/**
 * pending (takes bytes; "has bytes" once blobKey and digest are set) → confirming (one confirm
 * holds the claim until expiresAt, its lease) → confirmed | cancelled | expired. A refused
 * confirm goes back to pending. Every transition is one conditional UPDATE (upload-repo.ts).
 */
export type UploadStatus = 'pending' | 'confirming' | 'confirmed' | 'cancelled' | 'expired';

export interface UploadAttributes {
  meta: Record<string, string>;
  labels?: string[];
  category?: string;
  localCreationTime?: string;
  localModificationTime?: string;
  contentType: string;
  expectedSize?: number;
  /** the client PUTs straight to the object store (S3); the server reads the object at confirm */
  direct?: boolean;
  /** final path after confirm */
  confirmedPath?: string;
  confirmedEntryId?: string;
  isOverwritten?: boolean;
}

export interface UploadDigest {
  size: number;
  md5: string;
  crc64: string;
  beginningHash: string | null;
  fullHash: string | null;
  etag: string;
}

export interface Upload {
  confirmKey: string;
  libraryId: string;
  spaceId: string;
  path: string;
  kind: UploadKind;
  strategy: string;
  userId: string;
  attributes: UploadAttributes;
  status: UploadStatus;
  blobKey: string | null;
  digest: UploadDigest | null;
  createdAt: number;
  /** pending: when the target expires; confirming: the end of the confirm's lease; finished: when the row goes */
  expiresAt: number;
  /** the confirm holding a `confirming` upload */
  claim: string | null;
  /** quota bytes held for a pending upload with a declared size (0 when none) */
  reserved: number;
}

export interface UploadPart {
  confirmKey: string;
  partNumber: number;
  size: number;
  etag: string;
  crc64: string;
  createdAt: number;
  /** where the part's bytes are stored (BlobStore part number); each PUT writes a fresh slot */
  slot: number;
}

export interface UploadRepo {
  insert(upload: Upload): Promise<void>;
  get(confirmKey: string): Promise<Upload | null>;
  /** pending → pending with a later expiry (multipart renew); false in any other state */
  extend(confirmKey: string, expiresAt: number): Promise<boolean>;
  /** pending → pending with new bytes, compare-and-set on the bytes it had (`previous`); false when anything moved */
  setBytes(confirmKey: string, previous: string | null, blobKey: string, digest: UploadDigest): Promise<boolean>;
  /** pending and unexpired at `now`, or confirming with a lapsed lease → confirming under `claim` until `leaseUntil` */
  claim(confirmKey: string, claim: string, now: number, leaseUntil: number): Promise<boolean>;
  /** confirming under `claim` → the same with a later lease; false once the claim is lost */
  renewClaim(confirmKey: string, claim: string, leaseUntil: number): Promise<boolean>;
  /** confirming under `claim` → pending (a refused confirm); joined bytes may be recorded on the way */
  release(confirmKey: string, claim: string, patch: { blobKey?: string; digest?: UploadDigest; expiresAt: number }): Promise<boolean>;
  /** confirming under `claim` → confirmed; false when the claim was lost (lease lapsed, expired) */
  markConfirmed(confirmKey: string, claim: string, attributes: UploadAttributes, keepUntil: number): Promise<boolean>;
  /**
   * pending → cancelled, or for 'expired' pending or confirming whose expiresAt is before `now` →
   * expired; the row is kept until `keepUntil` (a later confirm answers UploadNotFound). False when
   * the upload was not in such a state, e.g. a confirm holds it.
   */
  finish(confirmKey: string, to: 'cancelled' | 'expired', now: number, keepUntil: number): Promise<boolean>;
  /** sets the quota bytes a pending upload holds */
  setReserved(confirmKey: string, bytes: number): Promise<void>;
  delete(confirmKey: string): Promise<void>;
  upsertPart(part: UploadPart): Promise<void>;
  listParts(confirmKey: string): Promise<UploadPart[]>;
  deleteParts(confirmKey: string): Promise<void>;
  /** pending or confirming uploads whose expiresAt (target or lease) is before `before` */
  listExpired(before: number, limit: number): Promise<Upload[]>;
  /** finished uploads (confirmed, cancelled, expired) past their keep time */
  deleteFinishedBefore(before: number): Promise<number>;
}
