import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readClientOf } from '../../functions/adapters/dynamo-client';

/** One DynamoDB command the client sent: its name and how many items it read. */
export interface SentCommand {
  readonly command: string;
  itemsRead: number;
}

/** Items in a Get, BatchGet or Query answer (a write reads none). */
function itemsReadBy(output: Record<string, unknown>): number {
  if (Array.isArray(output.Items)) return output.Items.length;
  if (output.Responses !== undefined && !Array.isArray(output.Responses)) {
    return Object.values(output.Responses as Record<string, unknown[]>).reduce(
      (sum, items) => sum + items.length,
      0,
    );
  }
  return output.Item === undefined ? 0 : 1;
}

/**
 * Every DynamoDB command the client sends, in order, with the items each read (`sent`), and `sentBy`: the
 * commands one action sends. Its read client's (`readClientOf`) are counted too: call this before the first
 * read, as that client resolves each command's middleware once and would not see a counter added later.
 */
export function countCommands(client: DynamoDBDocumentClient) {
  const sent: SentCommand[] = [];
  for (const sender of [client, readClientOf(client)]) countInto(sender, sent);
  const sentBy = async (act: () => Promise<unknown>): Promise<SentCommand[]> => {
    sent.length = 0;
    await act();
    return [...sent];
  };
  return { sent, sentBy };
}

function countInto(client: Pick<DynamoDBDocumentClient, 'middlewareStack'>, sent: SentCommand[]) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      // Listed when sent (the order the code sends them in), counted when answered.
      const entry: SentCommand = { command: context.commandName ?? 'unknown', itemsRead: 0 };
      sent.push(entry);
      const result = await next(args);
      entry.itemsRead = itemsReadBy(result.output as Record<string, unknown>);
      return result;
    },
    { step: 'initialize', name: 'countCommands' },
  );
}

export const commandsOf = (sent: readonly SentCommand[]) => sent.map(({ command }) => command);
