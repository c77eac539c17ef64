import { z } from 'zod';

/** What a Step Functions Catch adds to a state's input (`resultPath: '$.error'`): the error and its cause. */
export const caughtError = z.object({ Error: z.string().optional(), Cause: z.string().optional() });
