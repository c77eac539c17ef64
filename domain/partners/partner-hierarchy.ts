import { BusinessRuleError } from '../shared/errors';
import type { RecordStore } from '../shared/ports';
import type { PartnerData } from './partner';

/** Deeper hierarchies than this are refused; real channels have three or four levels. */
export const maxHierarchyDepth = 10;

/**
 * Checks that `parentPartnerId` exists and that making it the parent of `partnerId` keeps the hierarchy a
 * tree: no partner may be its own ancestor, and the chain of parents stays within `maxHierarchyDepth`.
 */
export async function assertValidParent(
  partners: RecordStore<PartnerData>,
  partnerId: string,
  parentPartnerId: string,
): Promise<void> {
  const refuse = (message: string) => new BusinessRuleError(message, [{ path: 'parentPartnerId', message }]);
  let ancestorId: string | undefined = parentPartnerId;
  for (let depth = 1; ancestorId !== undefined; depth++) {
    if (ancestorId === partnerId) throw refuse(`'${parentPartnerId}' is '${partnerId}' itself or below it`);
    if (depth > maxHierarchyDepth)
      throw refuse(`the hierarchy would be deeper than ${maxHierarchyDepth} levels`);
    const ancestor = await partners.get(ancestorId);
    if (!ancestor) throw refuse(`parent partner '${ancestorId}' does not exist`);
    ancestorId = ancestor.parentPartnerId;
  }
}
