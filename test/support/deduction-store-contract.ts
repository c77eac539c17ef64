import { beforeAll, describe, expect, it } from 'vitest';
import type { Deduction } from '../../domain/deductions/deduction';
import type { DeductionStore } from '../../domain/deductions/ports';
import { claim } from '../unit/claims/builders';
import { openDeduction } from '../unit/deductions/builders';
import { everyPage, ownIds } from './contract-pages';

const finance = { userId: 'u-fin', role: 'finance' } as const;

/** Open deduction `deductionId` of receivables line `invoice` (100.00 EUR of P1), imported at `importedAt`. */
const imported = (deductionId: string, importedAt = '2026-03-01T08:00:00.000Z', invoice = deductionId) =>
  openDeduction({ deductionId, invoice, importedAt });

/** `deduction` matched by finance to nothing left over, one version on. */
const matched = (deduction: Deduction): Deduction => ({
  ...deduction,
  status: 'matched',
  matches: [],
  matched: { by: finance, at: '2026-03-02T09:00:00.000Z', automatic: false, difference: '0.00' },
  version: deduction.version + 1,
});

const idsOf = (deductions: readonly Deduction[], prefix: string) =>
  ownIds(deductions, (each) => each.deductionId, prefix);

/**
 * The DeductionStore contract, run against the in-memory fake (unit suite) and the DynamoDB adapter
 * (integration suite): one deduction per receivables line (the same line imported again names the first),
 * read back exactly; changes only from the status and version read; a settlement writes the deduction and
 * its claims all or nothing; listings of a status oldest import first (then id: the index sort key), each
 * deduction once across pages. Listings are read for this contract's own ids, as the table may hold other
 * tests' deductions.
 */
export function deductionStoreContract(label: string, open: () => Promise<DeductionStore>) {
  describe(`${label} keeps the DeductionStore contract`, () => {
    let store: DeductionStore;

    beforeAll(async () => {
      store = await open();
    });

    it('stores one deduction per receivables line and reads back exactly what it stored', async () => {
      const first = imported('CD-ONCE-1');
      expect(await store.create(first)).toEqual({ kind: 'created' });
      expect(await store.create({ ...first, deductionId: 'CD-ONCE-2' })).toEqual({
        kind: 'duplicate',
        deductionId: 'CD-ONCE-1',
      });
      // Another amount on the same invoice is another line.
      const other = { ...first, deductionId: 'CD-ONCE-3', amount: '100.01' };
      expect(await store.create(other)).toEqual({ kind: 'created' });
      expect(await store.get('CD-ONCE-1')).toEqual(first);
      expect(await store.get('CD-ONCE-3')).toEqual(other);
      expect(await store.get('CD-ONCE-2')).toBeUndefined();
    });

    it('replaces a deduction only from the status and version read', async () => {
      const open = imported('CD-VER');
      await store.create(open);
      const writtenOff: Deduction = {
        ...open,
        status: 'writtenOff',
        writeOff: { code: 'other', note: 'small', by: finance, at: '2026-03-02T09:00:00.000Z' },
        version: 2,
      };
      expect(await store.replace(writtenOff, 'open')).toBe(true);
      expect(await store.replace({ ...writtenOff, reason: 'again' }, 'open')).toBe(false);
      expect(await store.replace({ ...writtenOff, version: 4 }, 'writtenOff')).toBe(false);
      expect(await store.replace({ ...writtenOff, deductionId: 'CD-GHOST' }, 'open')).toBe(false);
      expect(await store.get('CD-VER')).toEqual(writtenOff);
    });

    it('settles an open deduction once, and nothing at all when one of its claims moved', async () => {
      const once = imported('CD-SETTLE-1');
      const blocked = imported('CD-SETTLE-2');
      for (const each of [once, blocked]) await store.create(each);

      expect(await store.settle(matched(once), [])).toBe(true);
      expect(await store.settle({ ...matched(once), reason: 'again' }, [])).toBe(false);
      // A claim that is not (or no longer) as read: the deduction is not written either.
      const gone = claim({ claimId: 'CD-CLAIM-GONE', status: 'paid', version: 2 });
      expect(await store.settle(matched(blocked), [{ next: gone, expected: 'approved' }])).toBe(false);

      expect(await store.get('CD-SETTLE-1')).toEqual(matched(once));
      expect(await store.get('CD-SETTLE-2')).toEqual(blocked);
    });

    it('lists the deductions of one status, oldest import first (then id), each once across pages', async () => {
      const made = [
        imported('CD-LIST-B', '2026-03-05T00:00:00.000Z'),
        imported('CD-LIST-A', '2026-03-05T00:00:00.000Z'),
        imported('CD-LIST-C', '2026-02-01T00:00:00.000Z'),
        imported('CD-LIST-D', '2026-03-01T00:00:00.000Z'),
      ];
      for (const each of made) await store.create(each);
      await store.replace(matched(made[3] as Deduction), 'open');

      const open = await everyPage(2, (page) => store.withStatus('open', page));
      const settled = await everyPage(2, (page) => store.withStatus('matched', page));

      expect(idsOf(open, 'CD-LIST')).toEqual(['CD-LIST-C', 'CD-LIST-A', 'CD-LIST-B']);
      expect(open.find((each) => each.deductionId === 'CD-LIST-A')).toEqual(made[1]);
      expect(idsOf(settled, 'CD-LIST')).toEqual(['CD-LIST-D']);
    });
  });
}
