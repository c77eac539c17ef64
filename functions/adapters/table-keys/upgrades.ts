import type { ItemKey } from './item-key';

/**
 * Upgrades: one-time jobs an operator runs after a deploy, and where each stopped.
 *
 * | item               | pk            | sk                               | gsi1pk | gsi1sk |
 * |--------------------|---------------|----------------------------------|--------|--------|
 * | upgrade checkpoint | UPGRADE#<job> | SEGMENT#<segment>#OF#<segments> (startKey: where its Scan segment resumes; done) | | |
 * | upgrade completed  | UPGRADE#<job> | COMPLETE (completedAt: the job's work is done for good)               | | |
 *
 * Access patterns (numbered across the table):
 * 80. where a job's scan segment stopped                        → GetItem UPGRADE#<job> / SEGMENT#<n>#OF#<total>
 * 81. whether a job is done for good (read with a claim's fund)  → GetItem UPGRADE#<job> / COMPLETE
 */

export const upgradeCheckpointKey = (job: string, segment: number, segments: number): ItemKey => ({
  pk: `UPGRADE#${job}`,
  sk: `SEGMENT#${segment}#OF#${segments}`,
});

export const upgradeCompleteKey = (job: string): ItemKey => ({ pk: `UPGRADE#${job}`, sk: 'COMPLETE' });
