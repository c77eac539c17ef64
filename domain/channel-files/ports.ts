import type { DomainEvent } from '../../events/domain-event';
import type { InventorySnapshotLine, ProductLookup, RejectedLine } from '../ingestion/ingest-types';
import type { MappingProfile } from '../ingestion/mapping-profile';
import type { Clock, Page, PageRequest, RecordStore } from '../master-data/ports';
import type { PartnerData } from '../partners/partner';
import type { ChannelFileData, ChannelFileKindName } from './channel-file';
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

/** Reads an uploaded object as a stream; never the whole file at once. */
export interface ObjectReader {
  describe(key: string): Promise<{ readonly sizeBytes: number; readonly contentType?: string } | undefined>;
  sha256(key: string): Promise<string>;
  read(key: string): AsyncIterable<Uint8Array>;
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
   * Takes back every line of a failed file still in force: the version each replaced is in force again (a
   * line that replaced none is removed); the withdrawn versions stay as history. Answers how many.
   */
  withdrawFileLines(fileId: string): Promise<number>;
  storeRejections(
    file: { readonly fileId: string; readonly partnerId: string },
    lines: readonly RejectedLine[],
  ): Promise<void>;
}

/** Remembers which file first brought a given content for a partner; answers that file's id. */
export interface FileFingerprints {
  claim(partnerId: string, sha256: string, fileId: string): Promise<string>;
}

/** What a file is read against: the partner's mapping profile and the products its SKUs resolve to. */
export interface IngestReferenceData {
  products(partnerId: string): Promise<ProductLookup>;
  mappingProfile(partnerId: string, kind: ChannelFileKindName): Promise<MappingProfile>;
}

export interface EventPublisher {
  publish(event: DomainEvent): Promise<void>;
}

export interface IngestDeps {
  readonly files: RecordStore<ChannelFileData>;
  readonly objects: ObjectReader;
  readonly lines: ChannelLineStore;
  readonly fingerprints: FileFingerprints;
  readonly reference: IngestReferenceData;
  readonly events: EventPublisher;
  readonly clock: Clock;
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
