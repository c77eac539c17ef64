import { createHash } from 'node:crypto';

/**
 * A task's id: the id of what it decides and a digest of the task token, so a retried step stores the same
 * task once.
 */
export const approvalTaskIdOf = (subjectId: string, taskToken: string) =>
  `${subjectId}.${createHash('sha256').update(taskToken).digest('base64url').slice(0, 22)}`;
