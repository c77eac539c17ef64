import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customerIdentitySchema,
  customerMatchKeys,
  normalizeCustomerName,
  normalizeTaxId,
  normalizeWebDomain,
} from '../../../domain/deal-registration/customer-identity';

describe('customer normalization', () => {
  it.each([
    ['ACME Inc.', 'acme'],
    ['Acme, Inc', 'acme'],
    ['acme   GmbH', 'acme'],
    ['Acme S.A.', 'acme'],
    ['ACME Holdings Co., Ltd.', 'acme'],
    ['The Acme Company', 'acme'],
    ['Müller & Söhne GmbH & Co. KG', 'muller and sohne'],
    ['Smith & Jones LLP', 'smith and jones'],
    ['Company', 'company'],
    ['O’Neil Ltd', 'oneil'],
  ])('%s → %s', (name, normalized) => {
    expect(normalizeCustomerName(name)).toBe(normalized);
  });

  it('web domains keep only the host: "https://WWW.Acme.example:443/about" → "acme.example"', () => {
    expect(normalizeWebDomain('https://WWW.Acme.example:443/about')).toBe('acme.example');
    expect(normalizeWebDomain('sales@acme.example')).toBe('acme.example');
    expect(normalizeWebDomain('acme.example.')).toBe('acme.example');
    expect(normalizeWebDomain('localhost')).toBeUndefined();
    expect(normalizeWebDomain('10.0.0.1')).toBeUndefined();
  });

  it('tax ids lose punctuation and a repeated country prefix: "DE 123.456.789" in DE → "123456789"', () => {
    expect(normalizeTaxId('DE 123.456.789', 'DE')).toBe('123456789');
    expect(normalizeTaxId('123-456-789', 'DE')).toBe('123456789');
  });

  it('"ACME Inc." in US with acme.example and "Acme, Incorporated" with www.acme.example share name and domain keys', () => {
    const a = customerMatchKeys({ name: 'ACME Inc.', country: 'US', webDomain: 'acme.example' });
    const b = customerMatchKeys({ name: 'Acme, Incorporated', country: 'US', webDomain: 'www.acme.example' });
    expect(a.map((key) => key.value)).toEqual(b.map((key) => key.value));
    const otherCountry = customerMatchKeys({ name: 'ACME Inc.', country: 'CA', taxId: '1' });
    expect(otherCountry[0]?.value).not.toBe(a[0]?.value);
  });

  it('refuses a customer without a tax id or web domain, and names without letters', () => {
    const missing = customerIdentitySchema.safeParse({ name: 'Acme', country: 'US' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['taxId']);
    expect(customerIdentitySchema.safeParse({ name: '...', country: 'US', taxId: '1' }).success).toBe(false);
    expect(customerIdentitySchema.safeParse({ name: 'A', country: 'US', webDomain: 'nope' }).success).toBe(
      false,
    );
  });
});

describe('normalization properties', () => {
  const nameLike = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc
      .array(
        fc.oneof(
          fc.constantFrom('Inc.', 'GmbH', 'S.A.', 'Ltd', '&', 'The', 'co', ',', 'Müller', 'ACME', 'Ω', '-'),
          fc.string({ maxLength: 6 }),
        ),
        { maxLength: 8 },
      )
      .map((tokens) => tokens.join(' ')),
  );

  it('normalizing a name twice changes nothing (idempotent)', () => {
    fc.assert(
      fc.property(nameLike, (name) => {
        const once = normalizeCustomerName(name);
        expect(normalizeCustomerName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('case, surrounding punctuation and a trailing legal form never change the normalized name', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}( [A-Za-z0-9]{1,8}){0,2}$/),
        fc.constantFrom('', ' Inc.', ', Ltd', ' GmbH', ' S.A.', ' LLC'),
        (name, suffix) => {
          const base = normalizeCustomerName(name);
          expect(normalizeCustomerName(`  ${name.toUpperCase()}${suffix} `)).toBe(
            normalizeCustomerName(`${name.toLowerCase()}${suffix.toLowerCase()}`),
          );
          if (suffix !== '' && base.split(' ').length > 0) {
            expect(normalizeCustomerName(`${name}${suffix}`)).toBe(normalizeCustomerName(name));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('normalizing a domain twice changes nothing (idempotent)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.webUrl(), fc.string({ maxLength: 30 })), (text) => {
        const once = normalizeWebDomain(text);
        if (once !== undefined) expect(normalizeWebDomain(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
