import { describe, expect, it } from 'vitest';
import { programDefinitionSchema, rebateProgramSchema } from '../../../domain/programs/program';

const base = {
  programId: 'VOL-2026',
  version: 1,
  name: 'Volume rebate 2026',
  status: 'draft',
  currency: 'USD',
  periodGranularity: 'quarter',
  eligibility: { startDate: '2026-01-01', endDate: '2026-12-31' },
};

const volumeTerms = {
  kind: 'volume',
  basis: 'quantity',
  method: 'retrospective',
  rateType: 'percentOfRevenue',
  tiers: [
    { from: '0', rate: '1' },
    { from: '1000', rate: '2' },
    { from: '5000', rate: '3' },
  ],
};

function issuePaths(input: unknown): string[] {
  const result = rebateProgramSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('rebate program schema', () => {
  it('accepts a volume program and applies defaults', () => {
    // Arrange
    const input = { ...base, terms: volumeTerms };

    // Act
    const program = rebateProgramSchema.parse(input);

    // Assert
    expect(program.programYearStartMonth).toBe(1);
    expect(program.eligibility).toMatchObject({
      partners: 'all',
      customers: 'all',
      dateBasis: 'invoice',
      products: { scope: 'all' },
      excludedSkus: [],
      prequalifiedTiers: {},
    });
    expect(program.terms).toMatchObject({ kind: 'volume', tierScope: 'partner', tierEvaluation: 'period' });
  });

  it('refuses tiers that do not ascend, naming the offending threshold', () => {
    // Arrange
    const tiers = [
      { from: '0', rate: '1' },
      { from: '5000', rate: '3' },
      { from: '1000', rate: '2' },
    ];

    // Act
    const paths = issuePaths({ ...base, terms: { ...volumeTerms, tiers } });

    // Assert
    expect(paths).toEqual(['terms.tiers.2.from']);
  });

  it('refuses two tiers with the same threshold (overlapping bands)', () => {
    const tiers = [
      { from: '0', rate: '1' },
      { from: '1000', rate: '2' },
      { from: '1000.000', rate: '3' },
    ];

    expect(issuePaths({ ...base, terms: { ...volumeTerms, tiers } })).toEqual(['terms.tiers.2.from']);
  });

  it('refuses malformed thresholds and an empty tier table with field paths', () => {
    expect(issuePaths({ ...base, terms: { ...volumeTerms, tiers: [{ from: '-1', rate: '1' }] } })).toEqual([
      'terms.tiers.0.from',
    ]);
    expect(issuePaths({ ...base, terms: { ...volumeTerms, tiers: [] } })).toEqual(['terms.tiers']);
  });

  it('refuses a quantity tier that is not a whole unit ("from" counts units), but not a revenue tier', () => {
    const tiers = [
      { from: '0', rate: '1' },
      { from: '9.5', rate: '2' },
    ];

    expect(issuePaths({ ...base, terms: { ...volumeTerms, tiers } })).toEqual(['terms.tiers.1.from']);
    expect(
      issuePaths({ ...base, terms: { ...volumeTerms, kind: 'annualVolume', basis: 'quantity', tiers } }),
    ).toEqual(['terms.tiers.1.from']);
    expect(issuePaths({ ...base, terms: { ...volumeTerms, basis: 'revenue', tiers } })).toEqual([]);
  });

  it('refuses a percentage above 100', () => {
    const tiers = [{ from: '0', rate: '100.5' }];

    expect(issuePaths({ ...base, terms: { ...volumeTerms, tiers } })).toEqual(['terms.tiers.0.rate']);
  });

  it('allows an amount per unit above 100', () => {
    const tiers = [{ from: '0', rate: '125.50' }];

    expect(issuePaths({ ...base, terms: { ...volumeTerms, rateType: 'amountPerUnit', tiers } })).toEqual([]);
  });

  it('refuses a prequalified tier that does not exist', () => {
    const input = {
      ...base,
      eligibility: { ...base.eligibility, prequalifiedTiers: { P1: 1, P2: 3 } },
      terms: volumeTerms,
    };

    expect(issuePaths(input)).toEqual(['eligibility.prequalifiedTiers.P2']);
  });

  it('refuses an end date before the start date', () => {
    const input = {
      ...base,
      eligibility: { startDate: '2026-06-01', endDate: '2026-05-31' },
      terms: volumeTerms,
    };

    expect(issuePaths(input)).toEqual(['eligibility.endDate']);
  });

  it('refuses an incremental growth rebate whose rate multiplies another basis than growth is measured in', () => {
    const terms = {
      kind: 'growth',
      basis: 'quantity',
      growthMeasure: 'percent',
      appliesTo: 'incrementalVolume',
      rateType: 'percentOfRevenue',
      tiers: [{ from: '5', rate: '1' }],
    };

    expect(issuePaths({ ...base, terms })).toEqual(['terms.rateType']);
  });

  it('refuses a lump sum with more decimals than the currency has', () => {
    const terms = { kind: 'lumpSum', amount: '100.005', partnerId: 'P1', accrueOn: '2026-01-15' };

    expect(issuePaths({ ...base, terms })).toEqual(['terms.amount']);
  });

  it('refuses a SPIF listing a product twice and a promotion window that ends before it starts', () => {
    const spif = {
      kind: 'spif',
      products: [
        { sku: 'A', amountPerUnit: '5' },
        { sku: 'A', amountPerUnit: '6' },
      ],
    };
    const promotion = {
      kind: 'promotion',
      rateType: 'percentOfRevenue',
      rate: '5',
      window: { start: '2026-03-10', end: '2026-03-01' },
    };

    expect(issuePaths({ ...base, terms: spif })).toEqual(['terms.products.1.sku']);
    expect(issuePaths({ ...base, terms: promotion })).toEqual(['terms.window.end']);
  });

  it.each([
    ['annual volume', { ...volumeTerms, kind: 'annualVolume', method: 'stepped' }],
    [
      'growth',
      {
        kind: 'growth',
        basis: 'revenue',
        growthMeasure: 'absolute',
        appliesTo: 'periodVolume',
        rateType: 'percentOfRevenue',
        tiers: [{ from: '10000', rate: '1.5' }],
      },
    ],
    [
      'promotion',
      {
        kind: 'promotion',
        rateType: 'amountPerUnit',
        rate: '2.50',
        window: { start: '2026-03-01', end: '2026-03-14' },
      },
    ],
    ['co-op', { kind: 'coop', percent: '2' }],
    ['lump sum', { kind: 'lumpSum', amount: '5000', partnerId: 'P1', accrueOn: '2026-01-15' }],
    ['SPIF', { kind: 'spif', products: [{ sku: 'SKU-1', amountPerUnit: '5' }] }],
  ])('accepts a %s program', (_kind, terms) => {
    expect(issuePaths({ ...base, terms })).toEqual([]);
  });

  it('refuses a program version whose lump sum has no accrueOn: the date is set by then', () => {
    const terms = { kind: 'lumpSum', amount: '5000', partnerId: 'P1' };

    expect(issuePaths({ ...base, status: 'active', terms })).toEqual(['terms.accrueOn']);
  });

  it('refuses an unknown kind at the discriminator', () => {
    expect(issuePaths({ ...base, terms: { kind: 'mystery' } })).toEqual(['terms.kind']);
  });
});

describe('program definition schema', () => {
  const { version: _version, status: _status, ...definition } = base;

  it('accepts a lump sum without accrueOn: it accrues on the day it is activated', () => {
    // Arrange
    const terms = { kind: 'lumpSum', amount: '5000', partnerId: 'P1' };

    // Act
    const result = programDefinitionSchema.safeParse({ ...definition, terms });

    // Assert
    expect(result.success).toBe(true);
    expect(result.data?.terms).toEqual(terms);
  });

  it('keeps an explicit accrueOn and still checks it is a calendar date', () => {
    const terms = { kind: 'lumpSum', amount: '5000', partnerId: 'P1', accrueOn: '2026-01-15' };

    expect(programDefinitionSchema.parse({ ...definition, terms }).terms).toEqual(terms);
    const invalid = programDefinitionSchema.safeParse({
      ...definition,
      terms: { ...terms, accrueOn: '2026-02-30' },
    });
    expect(invalid.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['terms.accrueOn']);
  });

  it('applies the rules shared with program versions to a drafted lump sum', () => {
    const terms = { kind: 'lumpSum', amount: '100.005', partnerId: 'P1' };

    const result = programDefinitionSchema.safeParse({ ...definition, terms });

    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['terms.amount']);
  });
});
