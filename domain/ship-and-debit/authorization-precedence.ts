import { authorizationLineCovering, type CoverageScope } from './authorization-coverage';
import type { IndexedAuthorization } from './authorization-index';
import type { DebitAuthorizationCoverage } from './debit-authorization';
import type { DebitClaimLine } from './debit-claim-line';

/** The authorization number of a claim line that quotes none: the claim matches it (`AuthorizationPrecedence`). */
export const unquotedAuthorizationNumber = '';

/** Named end customer first, then the narrower blanket (a segment), then the blanket over every end customer. */
const rankOf: Record<DebitAuthorizationCoverage['kind'], number> = {
  endCustomer: 0,
  segment: 1,
  anyEndCustomer: 2,
};

/**
 * Which authorization a claim line that leaves its number blank falls under, decided so: of the partner's
 * authorizations that cover the line (`authorizationLineCovering`, the rule a quoted number is checked by
 * too, so a line is never matched to one validation would then reject for coverage), one naming the end
 * customer comes before a blanket one: the manufacturer made that deal for that customer, and the blanket's
 * units stay for customers without one (as SAP and Model N determine agreements). Within a rank the one
 * ending first goes first (its units lapse first), then the lowest number. The caller takes the first with
 * units left, so a specific authorization is drawn down before the blanket. A number the line quotes is
 * binding: the partner priced the line on it, and the 849 answers under it.
 */
export class AuthorizationPrecedence {
  private readonly byProduct = new Map<string, IndexedAuthorization[]>();

  constructor(authorizations: Iterable<IndexedAuthorization>) {
    for (const indexed of authorizations) {
      for (const sku of indexed.lines.keys()) {
        const list = this.byProduct.get(sku);
        if (list === undefined) this.byProduct.set(sku, [indexed]);
        else list.push(indexed);
      }
    }
    for (const list of this.byProduct.values()) list.sort(precedes);
  }

  /** The authorizations covering the line in `scope` (`authorizationLineCovering`), in precedence order. */
  covering(line: DebitClaimLine, scope: CoverageScope): IndexedAuthorization[] {
    return (this.byProduct.get(line.productSku) ?? []).filter(
      (indexed) => typeof authorizationLineCovering(indexed, line, scope) !== 'string',
    );
  }
}

function precedes(a: IndexedAuthorization, b: IndexedAuthorization): number {
  const first = a.authorization;
  const second = b.authorization;
  return (
    rankOf[first.coverage.kind] - rankOf[second.coverage.kind] ||
    first.validTo.localeCompare(second.validTo) ||
    first.authorizationNumber.localeCompare(second.authorizationNumber)
  );
}
