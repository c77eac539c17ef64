import { evidenceLibraryContract } from '../../support/evidence-library-contract';
import { InMemoryEvidenceLibrary } from '../ship-and-debit/fakes';

evidenceLibraryContract('The in-memory evidence library', async () => {
  const evidence = new InMemoryEvidenceLibrary();
  return {
    evidence,
    upload: async (_url, key, body, contentType) => {
      evidence.objects.set(key, {
        key,
        sizeBytes: body.length,
        contentType,
        uploadedAt: new Date().toISOString(),
      });
    },
  };
});
