import { runLineSourceContract } from '../../support/run-line-source-contract';
import { InMemoryRunLineSource } from '../accrual-runs/fakes';

runLineSourceContract('The in-memory run line source', async () => {
  const source = new InMemoryRunLineSource();
  return { source, store: async (_fileId, lines) => void source.add(...lines) };
});
