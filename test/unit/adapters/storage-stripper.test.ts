import { describe, expect, it } from 'vitest';
import { storageStripper } from '../../../functions/adapters/table-access';

describe('storageStripper', () => {
  it('reads a record back without the table and index keys and the attributes named, leaving the item as it was', () => {
    const item = {
      pk: 'CLAIM#C-1',
      sk: 'CLAIM',
      gsi1pk: 'a',
      gsi1sk: 'b',
      gsi2pk: 'c',
      gsi2sk: 'd',
      gsi3pk: 'e',
      gsi3sk: 'f',
      type: 'Claim',
      version: 3,
      claimId: 'C-1',
    };
    expect(storageStripper('type')(item)).toEqual({ version: 3, claimId: 'C-1' });
    expect(storageStripper()(item)).toEqual({ type: 'Claim', version: 3, claimId: 'C-1' });
    expect(item.pk).toBe('CLAIM#C-1');
  });
});
