import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { loadConfig } from '../../functions/shared/config';
import { createTestTable } from '../support/test-table';

describe('SDK sockets under a refused oversized request', () => {
  it('a 20 MB item is an error for the caller, never an unhandled EPIPE that kills the process', async () => {
    const tableName = await createTestTable();
    const client = createDocumentClient(loadConfig());
    const huge = 'X'.repeat(20 * 1024 * 1024);

    // Before the guard, the second write died with "Error: write EPIPE … Emitted 'error' event on Socket".
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(
        client.send(new PutCommand({ TableName: tableName, Item: { pk: 'P', sk: `S${attempt}`, huge } })),
      ).rejects.toBeInstanceOf(Error);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));

    await client.send(new PutCommand({ TableName: tableName, Item: { pk: 'P', sk: 'small' } }));
    client.destroy();
  });
});
