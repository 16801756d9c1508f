/**
 * Named points in the upload flow where tests park a request to race it against another one
 * deterministically (barriers, not sleeps). Production passes none; each hook is awaited.
 */
export interface UploadHooks {
  /** a confirm has won the claim (pending → confirming), before it reads or joins any byte */
  afterClaim?(confirmKey: string): Promise<void>;
  /** a confirm is about to write the file's rows, bytes and digest in hand */
  beforeCommit?(confirmKey: string): Promise<void>;
  /** a part PUT passed its state check, before its bytes are stored */
  beforePartBytes?(confirmKey: string, partNumber: number): Promise<void>;
  /** cancel or the expiry sweep won its transition, before the bytes are deleted */
  afterFinish?(confirmKey: string): Promise<void>;
}
