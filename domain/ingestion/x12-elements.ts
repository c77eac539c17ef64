/** Element values shared by the X12 transaction sets: dates, product ids, unit codes and parties. */

/** Product id qualifiers that carry our (the manufacturer's, i.e. the vendor's) part number. */
const ourSkuQualifiers = ['VP', 'MG', 'VN', 'MF'];
/** Qualifiers of the partner's own ids or of codes (UPC, GTIN) that the product lookup may know. */
const partnerSkuQualifiers = ['BP', 'IN', 'PI', 'SK', 'CB', 'UP', 'UK', 'EN', 'UI', 'UA'];

/** Reads a segment's elements by position, trimmed; '' when absent. */
export const elementReader =
  (elements: readonly string[]) =>
  (index: number): string =>
    (elements[index] ?? '').trim();

/** CCYYMMDD as is; a 6-digit YYMMDD (older versions) read as 20YY. */
export const x12Date = (value: string | undefined): string =>
  value !== undefined && /^\d{6}$/.test(value) ? `20${value}` : (value ?? '');

/** The party an N1 segment names: its identification code (N104), else its name (N102). */
export const n1Party = (element: (index: number) => string): string =>
  element(4) === '' ? element(2) : element(4);

export interface ProductIds {
  sku: string;
  partnerSku: string;
}

/** Picks our SKU and the partner's id out of qualifier/id pairs starting at `from` (LIN02/03, SII01/02…). */
export function productIds(elements: readonly string[], from: number, ids: ProductIds): void {
  let other = '';
  for (let index = from; index + 1 < elements.length; index += 2) {
    const qualifier = (elements[index] ?? '').trim();
    const id = (elements[index + 1] ?? '').trim();
    if (id === '') continue;
    if (ourSkuQualifiers.includes(qualifier)) {
      if (ids.sku === '') ids.sku = id;
    } else if (partnerSkuQualifiers.includes(qualifier)) {
      if (ids.partnerSku === '') ids.partnerSku = id;
    } else if (other === '') {
      other = id;
    }
  }
  // An id under a qualifier we do not know is still worth a lookup when it is the only one.
  if (ids.sku === '' && ids.partnerSku === '' && other !== '') ids.partnerSku = other;
}

/** The unit code of a composite unit element ("EA>1" → "EA"). */
export function unitCode(value: string | undefined, component: string | undefined): string {
  if (value === undefined) return '';
  if (component !== undefined) return value.split(component)[0] ?? '';
  const match = /^[A-Za-z0-9]+/.exec(value);
  return match?.[0] ?? '';
}
