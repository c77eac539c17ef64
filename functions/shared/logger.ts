import { Logger } from '@aws-lambda-powertools/logger';
import { search } from '@aws-lambda-powertools/logger/correlationId';

/**
 * Structured JSON logs; the service name and level come from POWERTOOLS_* settings on each function. The
 * JMESPath search lets an entry point's `correlationIdPath` find the correlation id in its event (without
 * it, Powertools warns and logs no correlation id).
 */
export const logger = new Logger({ serviceName: 'chrm', correlationIdSearchFn: search });
