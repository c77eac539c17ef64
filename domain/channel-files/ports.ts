import type { ChannelFileKind } from '../ingestion/channel-file-kind';
import type { InventorySnapshotLine, ProductLookup, RejectedLine } from '../ingestion/ingest-types';
import type { MappingProfile } from '../ingestion/mapping-profile';
import type { PartnerData } from '../partners/partner';
import type { Clock, EventPublisher, Page, PageRequest, RecordStore, Stored } from '../shared/ports';
import type { ShipAndDebitClaimDeps } from '../ship-and-debit/submit-ship-and-debit-claim';
import type { ChannelFileData } from './channel-file';
import type { ChannelLine } from './channel-line';
import type { CurrentLineVersion, LineWrite } from './line-restatement';

/** Signs a one-time upload of exactly `contentLength` bytes of `contentType` to `key`. */
export interface UploadSigner {
  presignPut(request: {
    readonly key: string;
    readonly contentType: string;
    readonly contentLength: number;
    readonly expiresInSeconds: number;
  }): Promise<string>;
}

export interface UploadDeps {
  readonly partners: RecordStore<PartnerData>;
  readonly files: RecordStore<ChannelFileData>;
  readonly signer: UploadSigner;
  readonly newId: () => string;
  readonly clock: Clock;
}

/**
 * One version of an uploaded object. The bucket keeps every version, so a file pinned to one never sees the
 * bytes of a later PUT to the same key; `versionId` is absent only where the store keeps no versions.
 */
export interface ObjectVersion {
  readonly key: string;
  readonly versionId?: string;
}

/** Reads an uploaded object as a stream; never the whole file at once. */
export interface ObjectReader {
  /** The current version of `key`: its id, size and type, or undefined when nothing was uploaded. */
  describe(
    key: string,
  ): Promise<
    { readonly sizeBytes: number; readonly contentType?: string; readonly versionId?: string } | undefined
  >;
  sha256(object: ObjectVersion): Promise<string>;
  read(object: ObjectVersion): AsyncIterable<Uint8Array>;
}

/**
 * Stores channel lines by natural key with optimistic concurrency; what a line's outcome is, is decided in
 * the domain (`line-restatement.ts`), the store only reads versions and writes conditionally.
 */
export interface ChannelLineStore {
  /** The version in force of each line's natural key (strongly consistent), by `naturalKeyOf`. */
  currentVersions(lines: readonly ChannelLine[]): Promise<ReadonlyMap<string, CurrentLineVersion>>;
  /**
   * Writes each line as the new version of its key (a restatement moves the replaced version to history in
   * the same transaction), on condition that the key is still at the version the write was classified
   * against. Answers the writes that lost a race: nothing of those was written.
   */
  writeLines(fileId: string, writes: readonly LineWrite[]): Promise<readonly LineWrite[]>;
  /**
   * Marks as changed what versions stored by an earlier attempt of the same file touched (their partner-months,
   * and those of the versions they replaced), as `writeLines` does after its writes: that attempt may have died
   * between its write and its mark, and a month-end run that read the lines before they landed would otherwise
   * keep reusing what it read.
   */
  confirmStored(versions: readonly CurrentLineVersion[]): Promise<void>;
  /**
   * Takes back every line of a failed file still in force: the version each replaced is in force again (a
   * line that replaced none is removed); the withdrawn versions stay as history. Answers how many.
   */
  withdrawFileLines(fileId: string): Promise<number>;
  storeRejections(
    file: { readonly fileId: string; readonly partnerId: string },
    lines: readonly RejectedLine[],
  ): Promise<void>;
}

/** Remembers which file brought a given content for a partner; answers that file's id. */
export interface FileFingerprints {
  claim(partnerId: string, sha256: string, fileId: string): Promise<string>;
  /** Moves the claim from `fromFileId` to `toFileId` unless someone else moved it first; answers the owner. */
  takeOver(partnerId: string, sha256: string, fromFileId: string, toFileId: string): Promise<string>;
}

/** What a file is read against: the partner's mapping profile and the products its SKUs resolve to. */
export interface IngestReferenceData {
  products(partnerId: string): Promise<ProductLookup>;
  mappingProfile(partnerId: string, kind: ChannelFileKind): Promise<MappingProfile>;
}

/** Starts the ingest workflow of a file under an execution name; a name already used starts nothing. */
export interface IngestWorkflow {
  start(fileId: string, executionName: string): Promise<void>;
}

/** Files still being ingested (received or processing) whose record has not changed since `before`. */
export interface InFlightFiles {
  notUpdatedSince(before: string, limit: number): Promise<readonly Stored<ChannelFileData>[]>;
}

/** What restarting or failing a file by hand or by the reconciler needs. */
export interface FileRecoveryDeps {
  readonly files: RecordStore<ChannelFileData>;
  readonly lines: Pick<ChannelLineStore, 'withdrawFileLines'>;
  readonly workflow: IngestWorkflow;
  readonly events: EventPublisher;
  readonly clock: Clock;
}

export interface IngestDeps {
  readonly files: RecordStore<ChannelFileData>;
  readonly objects: ObjectReader;
  readonly lines: ChannelLineStore;
  readonly fingerprints: FileFingerprints;
  readonly reference: IngestReferenceData;
  readonly events: EventPublisher;
  readonly clock: Clock;
  /** What a ship & debit claim file is submitted with (`processClaimFile`). */
  readonly shipAndDebitClaims: ShipAndDebitClaimDeps;
}

/** A stored channel line or rejection as the query API returns it (storage keys removed). */
export type StoredLine = Readonly<Record<string, unknown>>;

/** Read side of channel data; every query is within one partner or one file. */
export interface ChannelLineQueries {
  fileLines(fileId: string, page: PageRequest): Promise<Page<StoredLine>>;
  fileRejections(fileId: string, page: PageRequest): Promise<Page<StoredLine>>;
  salesInMonth(partnerId: string, month: string, page: PageRequest): Promise<Page<StoredLine>>;
  salesOfProduct(
    partnerId: string,
    sku: string,
    from: string,
    to: string,
    page: PageRequest,
  ): Promise<Page<StoredLine>>;
  inventorySnapshots(
    partnerId: string,
    sku: string,
    from: string,
    to: string,
  ): Promise<readonly InventorySnapshotLine[]>;
}
