import type { DealRegistration } from '../api-types';
import { DataTable, Money, StatusBadge } from '../components';
import { href } from '../router';

export const productsOf = (registration: DealRegistration) =>
  registration.products.map((product) => `${product.sku} × ${product.quantity}`).join(', ');

/** The protection window of an approved registration, or what stands in for it. */
export const protection = (registration: DealRegistration) =>
  registration.protectedUntil
    ? `${registration.approvedAt?.slice(0, 10) ?? '?'} – ${registration.protectedUntil}`
    : '—';

/**
 * What the conflict check found, in words; who holds the customer (registrations, partners, house accounts)
 * only when the API names them, which it does for staff alone.
 */
export function conflictText(conflict: NonNullable<DealRegistration['conflict']>): string {
  const holders = [
    ...(conflict.partnerIds ?? []),
    ...(conflict.registrationIds ?? []),
    ...(conflict.houseAccountIds ?? []),
  ];
  return `Held by ${conflict.kind === 'houseAccount' ? 'the house' : 'another partner'}${
    holders.length > 0 ? ` (${holders.join(', ')})` : ''
  }, matched on ${conflict.matchedOn.join(', ')}${
    conflict.protectedUntil ? `, protected until ${conflict.protectedUntil}` : ''
  }.`;
}

/** Registrations with their status and protection; for staff also the partner and the conflict found. */
export function RegistrationTable({
  registrations,
  caption,
  testId,
  staff = false,
}: {
  registrations: readonly DealRegistration[];
  caption: string;
  testId: string;
  staff?: boolean;
}) {
  return (
    <DataTable
      caption={caption}
      testId={testId}
      columns={[
        'Customer',
        ...(staff ? ['Partner'] : []),
        'Program',
        'Products',
        { label: 'Estimated value', num: true },
        'Close date',
        'Status',
        'Protected',
        ...(staff ? ['Conflict'] : []),
      ]}
    >
      {registrations.map((registration) => (
        <tr key={registration.registrationId}>
          <th scope="row">
            <a href={href('deals', registration.registrationId)} title={registration.registrationId}>
              {registration.customer.name}
            </a>
          </th>
          {staff && <td>{registration.partnerId}</td>}
          <td>{registration.programId}</td>
          <td>{productsOf(registration)}</td>
          <td class="num">
            <Money {...registration.estimatedValue} />
          </td>
          <td>{registration.closeDate}</td>
          <td>
            <StatusBadge status={registration.status} />
          </td>
          <td>{protection(registration)}</td>
          {staff && <td class="wrap">{registration.conflict ? conflictText(registration.conflict) : '—'}</td>}
        </tr>
      ))}
    </DataTable>
  );
}
