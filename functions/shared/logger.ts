import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs; the service name and level come from POWERTOOLS_* settings on each function. */
export const logger = new Logger({ serviceName: 'chrm' });
