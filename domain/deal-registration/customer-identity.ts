import { z } from 'zod';
import { countryCodeSchema, nameSchema } from '../shared/codes';

/**
 * The end customer of a deal as a partner types it: a name, a country and at least one of a tax id or a web
 * domain. Conflicts compare the normalized forms (`customerMatchKeys`), never the text as typed.
 */
export const customerIdentitySchema = z
  .object({
    name: nameSchema.describe('End customer’s name as the partner knows it, e.g. "ACME GmbH"'),
    country: countryCodeSchema.describe('ISO 3166-1 alpha-2 country of the end customer'),
    taxId: z
      .string()
      .trim()
      .max(40)
      .regex(/[A-Za-z0-9]/, 'must contain letters or digits')
      .optional()
      .describe('VAT or other tax id of the end customer'),
    webDomain: z
      .string()
      .trim()
      .max(253)
      .optional()
      .describe('Web domain of the end customer, e.g. "acme.example"'),
  })
  .strict()
  .superRefine((customer, ctx) => {
    if (customer.taxId === undefined && customer.webDomain === undefined) {
      ctx.addIssue({ code: 'custom', path: ['taxId'], message: 'give a tax id or a web domain' });
    }
    if (customer.webDomain !== undefined && normalizeWebDomain(customer.webDomain) === undefined) {
      ctx.addIssue({ code: 'custom', path: ['webDomain'], message: 'must be a domain such as acme.example' });
    }
    if (normalizeCustomerName(customer.name) === '') {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'must contain letters or digits' });
    }
  });
export type CustomerIdentity = z.infer<typeof customerIdentitySchema>;

/**
 * Legal-form words that say nothing about who the customer is: "ACME Inc." and "Acme GmbH" in one country
 * are the same customer for conflict purposes. Only trailing ones are removed ("Company Store Inc" keeps
 * "company store").
 */
const legalSuffixes = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'plc',
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'kgaa',
  'ug',
  'ev',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'sl',
  'slu',
  'bv',
  'nv',
  'oy',
  'oyj',
  'ab',
  'as',
  'asa',
  'aps',
  'kk',
  'pty',
  'pte',
  'sro',
  'sp',
  'zoo',
  'group',
  'holding',
  'holdings',
]);

const trailingNoise = new Set([...legalSuffixes, 'and']);

/** One step of name normalization; `normalizeCustomerName` repeats it until nothing changes. */
function normalizeOnce(text: string): string {
  const tokens = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents: "Müller" and "Muller" are one
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.'’]/g, '') // "S.A." → "sa", "O'Neil" → "oneil"
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((token) => token !== '');
  // "GmbH & Co. KG": the "&" between two legal forms goes with them.
  while (tokens.length > 1 && trailingNoise.has(tokens[tokens.length - 1] ?? '')) tokens.pop();
  if (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  return tokens.join(' ');
}

/**
 * A customer name reduced to what identifies it: case, accents, punctuation, "&"/"and", a leading "the" and
 * trailing legal forms (Inc, GmbH, Ltd, S.A., …) removed. Idempotent; "" when the name has no letters or digits.
 */
export function normalizeCustomerName(name: string): string {
  let current = name;
  for (;;) {
    const next = normalizeOnce(current);
    if (next === current) return next;
    current = next;
  }
}

const domainLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A web domain reduced to its registrable host: scheme, "www.", user, port, path and a trailing dot removed,
 * lower case ("https://WWW.Acme.example/about" → "acme.example"). Undefined when it is no domain. Idempotent.
 */
export function normalizeWebDomain(text: string): string | undefined {
  let host = text.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.replace(/^[^/@]*@/, '');
  host = host.split(/[/?#]/)[0] ?? '';
  host = host.replace(/:\d*$/, '').replace(/\.$/, '');
  while (host.startsWith('www.')) host = host.slice(4);
  const labels = host.split('.');
  if (labels.length < 2 || host.length > 253 || !labels.every((label) => domainLabel.test(label))) {
    return undefined;
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return undefined; // an IP address, not a domain
  return host;
}

/** A tax id as digits and capitals, without a leading country prefix ("DE 123.456" in DE → "123456"). */
export function normalizeTaxId(taxId: string, country: string): string {
  const compact = taxId.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact.startsWith(country) && compact.length > country.length
    ? compact.slice(country.length)
    : compact;
}

/** Which part of the identity two customers share. */
export const customerMatchKinds = ['name', 'taxId', 'webDomain'] as const;
export type CustomerMatchKind = (typeof customerMatchKinds)[number];

/** One normalized identifier of a customer; two customers are the same when they share any `value`. */
export interface CustomerMatchKey {
  readonly kind: CustomerMatchKind;
  readonly value: string;
}

/**
 * Every key under which a customer is found: its normalized name in its country, its tax id in its country
 * and its web domain (worldwide). Conflict lookup queries each; two customers sharing one are the same.
 */
export function customerMatchKeys(customer: CustomerIdentity): readonly CustomerMatchKey[] {
  const keys: CustomerMatchKey[] = [
    { kind: 'name', value: `NAME#${customer.country}#${normalizeCustomerName(customer.name)}` },
  ];
  if (customer.taxId !== undefined) {
    const taxId = normalizeTaxId(customer.taxId, customer.country);
    if (taxId !== '') keys.push({ kind: 'taxId', value: `TAX#${customer.country}#${taxId}` });
  }
  const domain = customer.webDomain === undefined ? undefined : normalizeWebDomain(customer.webDomain);
  if (domain !== undefined) keys.push({ kind: 'webDomain', value: `WEB#${domain}` });
  return keys;
}

/** The kinds of key two customers share (empty: different customers). */
export function sharedMatchKinds(
  a: readonly CustomerMatchKey[],
  b: readonly CustomerMatchKey[],
): CustomerMatchKind[] {
  const values = new Set(b.map((key) => key.value));
  return a.filter((key) => values.has(key.value)).map((key) => key.kind);
}
