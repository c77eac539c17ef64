import type { DomainEvent } from '../../events/domain-event';
import type {
  InventorySnapshotLine,
  MappingProfile,
  NormalizedSaleLine,
  ProductLookup,
  RejectedLine,
} from '../ingestion/ingest-types';
import type { Clock, Page, PageRequest, RecordStore, Stored } from '../master-data/ports';
import type { PartnerData } from '../partners/partner';
import type { ChannelFileData, ChannelFileKindName } from './channel-file';

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

/** How one stored line landed; `duplicate_in_file` = the file already had a line with its natural key. */
export type LineOutcome = 'accepted' | 'restated' | 'unchanged' | 'duplicate_in_file';

/**
 * Stores normalized lines idempotently by natural key. Storing the same file's line again (a resumed run)
 * reports the outcome it had the first time; a later file's different version is a restatement (the earlier
 * version goes to history); the same content again is unchanged.
 */
export interface ChannelLineStore {
  storeSaleLines(fileId: string, lines: readonly NormalizedSaleLine[]): Promise<LineOutcome[]>;
  storeInventoryLines(fileId: string, lines: readonly InventorySnapshotLine[]): Promise<LineOutcome[]>;
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
