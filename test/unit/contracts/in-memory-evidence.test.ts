import { evidenceStoreContract } from '../../support/evidence-store-contract';
import { InMemoryEvidence } from '../funds/fakes';

evidenceStoreContract('The in-memory evidence store', async () => {
  const evidence = new InMemoryEvidence();
  return {
    evidence,
    upload: async (_url, key, body, contentType) => {
      evidence.objects.set(key, { sizeBytes: body.length, contentType });
    },
  };
});
