import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import type { Config } from '../../functions/shared/config';

/**
 * A document client whose `at`-th command of class `kind` (sent through its own `send`) first waits for
 * `before`: a live write landing between a job's read and its write, or a crash when `before` throws.
 */
export function hookedClient(
  config: Config,
  kind: abstract new (...args: never[]) => object,
  at: number,
  before: () => Promise<unknown>,
) {
  const hooked = createDocumentClient(config);
  const send = hooked.send.bind(hooked) as (command: unknown) => Promise<unknown>;
  let seen = 0;
  Object.assign(hooked, {
    send: async (command: unknown) => {
      if (command instanceof kind && ++seen === at) await before();
      return send(command);
    },
  });
  return hooked;
}
