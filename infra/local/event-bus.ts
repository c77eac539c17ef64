import { randomUUID } from 'node:crypto';
import { serveAwsJson } from './aws-json-endpoint';

export interface PublishedEvent {
  readonly id: string;
  readonly eventBusName: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: unknown;
  readonly resources: readonly string[];
  readonly time: Date;
}

interface PutEventsEntry {
  readonly EventBusName?: string;
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly Resources?: string[];
  readonly Time?: number;
}

/**
 * A local EventBridge: PutEvents (AWS JSON 1.1) records every event, in order, so the local runtime and
 * tests can see what ChRM published; listeners subscribe with `onEvent` (the local stack delivers to the
 * template's rules that way, see event-rules.ts).
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
          const entries = (body.Entries as PutEventsEntry[] | undefined) ?? [];
          const results = entries.map((entry) => {
            const event: PublishedEvent = {
              id: randomUUID(),
              eventBusName: entry.EventBusName ?? 'default',
              source: entry.Source ?? '',
              detailType: entry.DetailType ?? '',
              detail: JSON.parse(entry.Detail ?? '{}'),
              resources: entry.Resources ?? [],
              // The SDK sends Time as epoch seconds.
              time: entry.Time === undefined ? new Date() : new Date(entry.Time * 1000),
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
