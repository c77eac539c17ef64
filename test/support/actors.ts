import type { Actor } from '../../domain/access/actor';

export const admin: Actor = { userId: 'u-admin', role: 'admin' };
export const channelManager: Actor = { userId: 'u-cm', role: 'channel_manager' };
export const finance: Actor = { userId: 'u-fin', role: 'finance' };
export const approver: Actor = { userId: 'u-appr', role: 'approver' };
export const partnerUser = (partnerId: string): Actor => ({
  userId: `u-${partnerId}`,
  role: 'partner',
  partnerId,
});
