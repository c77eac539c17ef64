import { z } from 'zod';
import { nameSchema } from '../shared/codes';

/**
 * Whether `iban` passes the ISO 13616 check: country letters, two check digits, up to 30 letters or digits,
 * and the number formed by moving the first four characters to the end, letters as 10..35, is 1 mod 97.
 */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const value = Number.parseInt(character, 36);
    // Two-digit values (letters) shift the remainder by 100, digits by 10: the mod 97 of the digit string.
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder === 1;
}

/** ISO 9362 business identifier code: 4 bank letters, 2 country letters, 2 location, optional 3 branch. */
const bicSchema = z
  .string()
  .regex(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'must be an 8 or 11 character BIC, e.g. DEUTDEFF');

/**
 * Where a partner is paid by bank transfer: the account holder, an IBAN or (where IBANs are not used) the
 * bank's own account number, and the bank's BIC. Exactly one of `iban` and `accountNumber`.
 */
export const remittanceDetailsSchema = z
  .object({
    accountHolderName: nameSchema.describe('Name on the account, as the bank knows it'),
    iban: z
      .string()
      .transform((text) => text.replaceAll(' ', '').toUpperCase())
      .refine(isValidIban, 'must be a valid IBAN (ISO 13616, check digits verified)')
      .optional()
      .describe('IBAN, spaces allowed; its check digits are verified'),
    accountNumber: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,34}$/, 'must be 1-34 letters, digits or "-"')
      .optional()
      .describe('Account number where IBANs are not used (e.g. a US account)'),
    bic: bicSchema.optional().describe('BIC of the partner’s bank'),
  })
  .superRefine((details, ctx) => {
    if ((details.iban === undefined) === (details.accountNumber === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['iban'], message: 'give exactly one of iban and accountNumber' });
    }
  });

export type RemittanceDetails = z.infer<typeof remittanceDetailsSchema>;
