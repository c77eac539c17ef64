import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventPublisher } from '../../domain/shared/ports';
import type { DomainEvent } from '../../events/domain-event';
import { traced } from '../shared/observability';
import { sdkResilience } from './sdk-resilience';

/** Publishes domain events on the ChRM bus; a rejected entry is an error, never a silent drop. */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly eventBusName: string,
  ) {}

  async publish(event: DomainEvent): Promise<void> {
    const result = await this.client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.eventBusName,
            Source: event.source,
            DetailType: event.detailType,
            Detail: JSON.stringify(event.detail),
          },
        ],
      }),
    );
    if ((result.FailedEntryCount ?? 0) > 0) {
      const entry = result.Entries?.[0];
      throw new Error(`EventBridge refused ${event.detailType}: ${entry?.ErrorCode} ${entry?.ErrorMessage}`);
    }
  }
}

export function createEventBridgeClient(settings: {
  readonly region: string;
  readonly endpoint?: string | undefined;
}) {
  return traced(
    new EventBridgeClient({
      ...sdkResilience,
      region: settings.region,
      // Its commands are plain (no per-command middleware): resolve the middleware stack once, not per send.
      cacheMiddleware: true,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    }),
  );
}
