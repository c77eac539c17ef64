import { expect } from 'vitest';
import type { apiClient } from './local-api';

/**
 * Reads `read` until `done` holds (every 50 ms, up to 10 s) and returns the last value: workflows move a
 * claim on asynchronously after the call that started them has answered.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 200 && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/**
 * The task deciding `subjectId` (a claim id, fund request id or authorization number) in `userToken`'s inbox
 * (`GET /approvals`), once the workflow has opened it.
 */
export async function taskInInbox(
  api: ReturnType<typeof apiClient>,
  userToken: string | undefined,
  subjectId: string,
) {
  const find = async () => {
    const inbox = await api('GET', '/approvals?limit=100', { token: userToken });
    expect(inbox.status).toBe(200);
    return inbox.json.items.find((item: { subject: { id: string } }) => item.subject.id === subjectId);
  };
  const task = await eventually(find, (found) => found !== undefined);
  if (task === undefined) throw new Error(`no task for ${subjectId} in the inbox`);
  return task;
}
