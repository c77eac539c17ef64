import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole, requireVisibleTo } from '../access/policies';
import type { ChannelFileKind } from '../ingestion/channel-file-kind';
import { defaultMappingProfile, type MappingProfile } from '../ingestion/mapping-profile';
import type { PartnerData } from '../partners/partner';
import type { Clock, RecordStore, Stored } from '../shared/ports';
import { createVersioned, replaceVersioned } from '../shared/versioned-record';

/** A partner's stored mapping profile for one kind of file; the id is `<partnerId>/<kind>`. */
export interface MappingProfileRecord {
  readonly partnerId: string;
  readonly kind: ChannelFileKind;
  readonly profile: MappingProfile;
}

/** A profile is identified by its partner and file kind. */
export type MappingProfileId = Pick<MappingProfileRecord, 'partnerId' | 'kind'>;

export interface MappingProfileDeps {
  readonly profiles: RecordStore<MappingProfileRecord, MappingProfileId>;
  readonly partners: RecordStore<PartnerData>;
  readonly clock: Clock;
}

/**
 * Our canonical CSV profile as it applies to a partner without a profile of its own: amounts of lines without
 * a currency column are in the partner's currency. Ingestion and `GET` both use this, so a profile read and
 * saved back unchanged reads files exactly as before.
 */
export function canonicalProfileFor(
  kind: ChannelFileKind,
  partner: Pick<PartnerData, 'currency'> | undefined,
): MappingProfile {
  const profile = defaultMappingProfile(kind);
  return partner ? { ...profile, defaultCurrency: partner.currency } : profile;
}

/** Who may change a partner's mapping: the partner's own users, channel managers and admins. */
function requireMappingEditor(actor: Actor, partnerId: string): void {
  requireRole(actor, ['partner', 'channel_manager', 'admin']);
  requireVisibleTo(actor, partnerId, 'Partner');
}

/** The profile in force: the stored one, or our canonical CSV profile (`isDefault: true`) when none is. */
export async function getMappingProfile(
  deps: MappingProfileDeps,
  actor: Actor,
  input: { readonly partnerId: string; readonly kind: ChannelFileKind },
): Promise<Stored<MappingProfileRecord> | (MappingProfileRecord & { readonly isDefault: true })> {
  requireRole(actor, [...internalRoles, 'partner']);
  requireVisibleTo(actor, input.partnerId, 'Partner');
  const stored = await deps.profiles.get({ partnerId: input.partnerId, kind: input.kind });
  if (stored) return stored;
  const partner = await deps.partners.get(input.partnerId);
  return {
    partnerId: input.partnerId,
    kind: input.kind,
    profile: canonicalProfileFor(input.kind, partner),
    isDefault: true,
  };
}

/**
 * Stores a partner's profile: creates it when there is none (`expectedVersion` absent), else replaces the
 * version the caller read. Files already ingested keep what they were read with.
 */
export async function saveMappingProfile(
  deps: MappingProfileDeps,
  actor: Actor,
  input: {
    readonly partnerId: string;
    readonly kind: ChannelFileKind;
    readonly profile: MappingProfile;
    readonly expectedVersion?: number | undefined;
  },
): Promise<Stored<MappingProfileRecord>> {
  requireMappingEditor(actor, input.partnerId);
  const data: MappingProfileRecord = {
    partnerId: input.partnerId,
    kind: input.kind,
    profile: { ...input.profile, kind: input.kind, partnerId: input.partnerId },
  };
  if (input.expectedVersion === undefined) return createVersioned(deps.profiles, deps.clock, data);
  const current = await deps.profiles.get({ partnerId: input.partnerId, kind: input.kind });
  if (!current) return createVersioned(deps.profiles, deps.clock, data);
  return replaceVersioned(deps.profiles, deps.clock, current, input.expectedVersion, data);
}
