import { z } from 'zod';
import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { masterDataEditors, requireRole, requireVisibleTo } from '../access/policies';
import type { ProductData } from '../products/product';
import { businessCodeSchema } from '../shared/codes';
import { BusinessRuleError } from '../shared/errors';
import type { Clock, Page, PageRequest, RecordStore, Stored } from '../shared/ports';
import { createVersioned, getVersioned, replaceVersioned } from '../shared/versioned-record';

/**
 * A partner's own item number as it appears in its files: free text from the partner's ERP (spaces, slashes
 * and lower case happen), but printable, trimmed and bounded so it is safe in keys and reports.
 */
export const partnerSkuSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .refine((value) => value === value.trim(), 'must not start or end with blanks')
  .refine((value) => !/\p{Cc}/u.test(value), 'must not contain control characters');

/** The body of a cross-reference: which of our products the partner's item number means. */
export const partnerSkuMappingSchema = z.object({
  sku: businessCodeSchema.describe('Our SKU the partner item number means'),
  description: z.string().trim().max(200).optional().describe("The partner's description of the item"),
});
export type PartnerSkuMapping = z.infer<typeof partnerSkuMappingSchema>;

/** One cross-reference row: partner + partner SKU → our SKU, identified by both (`PartnerSkuId`). */
export interface PartnerSkuRecord extends PartnerSkuMapping {
  readonly partnerId: string;
  readonly partnerSku: string;
}

export type PartnerSkuId = Pick<PartnerSkuRecord, 'partnerId' | 'partnerSku'>;

export interface PartnerSkuDeps {
  readonly partnerSkus: RecordStore<PartnerSkuRecord, PartnerSkuId>;
  readonly products: RecordStore<ProductData>;
  readonly clock: Clock;
}

/**
 * Creates the cross-reference (no `expectedVersion`) or re-points the version the caller read. The target
 * must be one of our products. Files already ingested keep the product they resolved to.
 */
export async function savePartnerSku(
  deps: PartnerSkuDeps,
  actor: Actor,
  input: {
    readonly partnerId: string;
    readonly partnerSku: string;
    readonly mapping: PartnerSkuMapping;
    readonly expectedVersion?: number | undefined;
  },
): Promise<Stored<PartnerSkuRecord>> {
  // The target product decides which rebates a partner's lines earn, so the manufacturer's channel team
  // maintains cross-references; the partner reads its own.
  requireRole(actor, masterDataEditors);
  if ((await deps.products.get(input.mapping.sku)) === undefined) {
    throw new BusinessRuleError(`product '${input.mapping.sku}' does not exist`, [
      { path: 'sku', message: 'must be an existing product' },
    ]);
  }
  const data: PartnerSkuRecord = {
    partnerId: input.partnerId,
    partnerSku: input.partnerSku,
    ...input.mapping,
  };
  const id = { partnerId: input.partnerId, partnerSku: input.partnerSku };
  if (input.expectedVersion === undefined) return createVersioned(deps.partnerSkus, deps.clock, data);
  const current = await getVersioned(deps.partnerSkus, id, 'Partner SKU');
  return replaceVersioned(deps.partnerSkus, deps.clock, current, input.expectedVersion, data);
}

/** Reads one cross-reference; another partner's answers 404. */
export async function getPartnerSku(
  deps: PartnerSkuDeps,
  actor: Actor,
  input: { readonly partnerId: string; readonly partnerSku: string },
): Promise<Stored<PartnerSkuRecord>> {
  requireRole(actor, [...internalRoles, 'partner']);
  requireVisibleTo(actor, input.partnerId, 'Partner');
  const id = { partnerId: input.partnerId, partnerSku: input.partnerSku };
  return getVersioned(deps.partnerSkus, id, 'Partner SKU');
}

/** Lists a partner's cross-references in partner-SKU order. */
export async function listPartnerSkus(
  deps: PartnerSkuDeps,
  actor: Actor,
  input: { readonly partnerId: string; readonly page: PageRequest },
): Promise<Page<Stored<PartnerSkuRecord>>> {
  requireRole(actor, [...internalRoles, 'partner']);
  requireVisibleTo(actor, input.partnerId, 'Partner');
  return deps.partnerSkus.list({ ...input.page, group: input.partnerId });
}
