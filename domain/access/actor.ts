import { z } from 'zod';

/** Roles a ChRM user can hold. A partner user always belongs to exactly one partner. */
export const roles = ['partner', 'channel_manager', 'approver', 'finance', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Who is asking: the authenticated user's id, role and, for partner users, their partner. */
export type Actor =
  | { readonly userId: string; readonly role: 'partner'; readonly partnerId: string }
  | { readonly userId: string; readonly role: Exclude<Role, 'partner'> };

/** Manufacturer-side staff: every role but partner. They see all partners' data. */
export const internalRoles = ['channel_manager', 'approver', 'finance', 'admin'] as const satisfies Role[];
