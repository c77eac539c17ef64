import type { UploadSigner } from '../channel-files/ports';

/** Presigned uploads of evidence files and a look at what was uploaded. */
export interface EvidenceStore extends UploadSigner {
  /** Size and type of an uploaded object; undefined when nothing is there. */
  describe(key: string): Promise<{ readonly sizeBytes: number; readonly contentType?: string } | undefined>;
}

/** One uploaded object as a listing finds it. */
export interface StoredEvidence {
  readonly key: string;
  readonly sizeBytes: number;
  readonly contentType?: string;
  /** When the upload completed (ISO 8601). */
  readonly uploadedAt: string;
}

/** An evidence store that also lists what was uploaded under a prefix and signs downloads of it. */
export interface EvidenceLibrary extends EvidenceStore {
  /** The objects under `prefix`, at most 1,000 (callers bound what they let people upload far below). */
  list(prefix: string): Promise<StoredEvidence[]>;
  /** A presigned GET that downloads the object as an attachment named `fileName`. */
  presignGet(request: {
    readonly key: string;
    readonly fileName: string;
    readonly expiresInSeconds: number;
  }): Promise<string>;
}
