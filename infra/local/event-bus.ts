import { randomUUID } from 'node:crypto';
import { serveAwsJson } from './aws-json-endpoint';

export interface PublishedEvent {
  readonly id: string;
  readonly eventBusName: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: unknown;
  readonly time: Date;
}

/**
 * A local EventBridge: PutEvents (AWS JSON 1.1) records every event, in order, so the local runtime and
 * tests can see what ChRM published; listeners subscribe with `onEvent`.
 */
export class LocalEventBus {
  readonly published: PublishedEvent[] = [];
  private readonly listeners: ((event: PublishedEvent) => void)[] = [];

  onEvent(listener: (event: PublishedEvent) => void): void {
    this.listeners.push(listener);
  }

  serve(port: number) {
    return serveAwsJson(
      port,
      {
        PutEvents: (body) => {
          const entries = (body.Entries as Record<string, string>[] | undefined) ?? [];
          const results = entries.map((entry) => {
            const event: PublishedEvent = {
              id: randomUUID(),
              eventBusName: entry.EventBusName ?? 'default',
              source: entry.Source ?? '',
              detailType: entry.DetailType ?? '',
              detail: JSON.parse(entry.Detail ?? '{}'),
              time: new Date(),
            };
            this.published.push(event);
            for (const listener of this.listeners) listener(event);
            return { EventId: event.id };
          });
          return { FailedEntryCount: 0, Entries: results };
        },
      },
      'application/x-amz-json-1.1',
    );
  }
}
