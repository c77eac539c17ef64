import { runSnapshotsContract } from '../../support/run-snapshots-contract';
import { InMemoryRunSnapshots } from '../accrual-runs/fakes';

runSnapshotsContract('The in-memory run snapshots', async () => new InMemoryRunSnapshots());
