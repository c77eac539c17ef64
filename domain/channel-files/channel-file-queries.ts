import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole, requireVisibleTo } from '../access/policies';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { Page, PageRequest, RecordStore, Stored } from '../shared/ports';
import type { ChannelFileData } from './channel-file';

/** Reads a file's record; another partner's file is "not found" to a partner user. */
export async function getChannelFile(
  files: RecordStore<ChannelFileData>,
  actor: Actor,
  fileId: string,
): Promise<Stored<ChannelFileData>> {
  requireRole(actor, [...internalRoles, 'partner']);
  const file = await files.get(fileId);
  if (!file) throw new NotFoundError('Channel file not found');
  requireVisibleTo(actor, file.partnerId, 'Channel file');
  return file;
}

/**
 * The partner whose channel data a request may read: a partner user always reads its own, whatever it
 * asks for; staff must name one.
 */
export function channelDataPartner(actor: Actor, requested: string | undefined): string {
  requireRole(actor, [...internalRoles, 'partner']);
  if (actor.role === 'partner') return actor.partnerId;
  if (requested === undefined) {
    throw new ValidationError('Name the partner whose data you want', [
      { path: 'query.partnerId', message: 'is required' },
    ]);
  }
  return requested;
}

/** Lists a partner's files, oldest first. */
export async function listChannelFiles(
  files: RecordStore<ChannelFileData>,
  actor: Actor,
  input: { readonly partnerId?: string | undefined; readonly page: PageRequest },
): Promise<Page<Stored<ChannelFileData>>> {
  const partnerId = channelDataPartner(actor, input.partnerId);
  return files.list({ ...input.page, group: partnerId });
}

/** A product at a partner over a window of dates; staff name the partner, partners get their own. */
export interface ProductWindowQuery {
  readonly partnerId?: string | undefined;
  readonly sku: string;
  readonly from: string;
  readonly to: string;
}
