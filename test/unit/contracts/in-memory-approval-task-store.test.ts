import { approvalTaskStoreContract } from '../../support/approval-task-store-contract';
import { InMemoryApprovalTaskStore } from '../approvals/fakes';

approvalTaskStoreContract('The in-memory approval task store', async () => new InMemoryApprovalTaskStore());
