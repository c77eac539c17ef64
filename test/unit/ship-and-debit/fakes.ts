import type { EvidenceLibrary, StoredEvidence } from '../../../domain/evidence/ports';
import { bySortKey } from '../../support/in-memory-pages';

/**
 * Uploaded objects in a Map, listed by prefix in key order (S3's: by UTF-8 bytes); signed URLs name their key
 * so tests can tell them apart.
 */
export class InMemoryEvidenceLibrary implements EvidenceLibrary {
  readonly objects = new Map<string, StoredEvidence>();
  readonly signedPuts: { key: string; contentType: string; contentLength: number }[] = [];
  async presignPut(request: { key: string; contentType: string; contentLength: number }) {
    this.signedPuts.push({
      key: request.key,
      contentType: request.contentType,
      contentLength: request.contentLength,
    });
    return `https://uploads.example/${request.key}?put`;
  }
  async describe(key: string) {
    return this.objects.get(key);
  }
  async list(prefix: string) {
    return [...this.objects.values()]
      .filter((object) => object.key.startsWith(prefix))
      .sort(bySortKey((object) => object.key));
  }
  async presignGet(request: { key: string; fileName: string; expiresInSeconds: number }) {
    return `https://uploads.example/${request.key}?get&name=${request.fileName}&ttl=${request.expiresInSeconds}`;
  }
}
