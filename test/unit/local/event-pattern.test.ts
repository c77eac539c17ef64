import { describe, expect, it } from 'vitest';
import { compileEventPattern, type EventEnvelope } from '../../../infra/local/event-pattern';
import { eventEnvelope } from '../../../infra/local/event-rules';

/** A validated claim's ClaimSubmitted, as rules see it (the envelope itself is tested with delivery). */
const event = (overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
  ...eventEnvelope({
    id: 'e-1',
    eventBusName: 'chrm',
    source: 'chrm.claims',
    detailType: 'ClaimSubmitted',
    detail: { claimId: 'C-1', status: 'validated', amount: 1250, currency: 'USD', tags: ['rebate', 'q1'] },
    resources: [],
    time: new Date('2026-12-05T10:00:00Z'),
  }),
  ...overrides,
});

const matches = (pattern: unknown, candidate: EventEnvelope = event()) =>
  compileEventPattern(pattern)(candidate);

describe('local EventBridge event patterns', () => {
  it('match on source and detail-type, each an array of accepted values', () => {
    expect(matches({ source: ['chrm.claims'], 'detail-type': ['ClaimSubmitted'] })).toBe(true);
    expect(matches({ source: ['chrm.ledger', 'chrm.claims'] })).toBe(true);
    expect(matches({ source: ['chrm.claims'], 'detail-type': ['ClaimDecided'] })).toBe(false);
    expect(matches({ source: ['chrm.payments'] })).toBe(false);
  });

  it('match detail fields exactly, nested, and any element of an array field', () => {
    expect(matches({ detail: { status: ['validated'], currency: ['EUR', 'USD'] } })).toBe(true);
    expect(matches({ detail: { status: ['submitted'] } })).toBe(false);
    expect(matches({ detail: { tags: ['q1'] } })).toBe(true);
    expect(matches({ detail: { amount: [1250] } })).toBe(true);
    // A number is not its string: EventBridge compares values with their JSON type.
    expect(matches({ detail: { amount: ['1250'] } })).toBe(false);
    expect(matches({ detail: { missing: ['x'] } })).toBe(false);
    expect(matches({ detail: { claimId: { nested: ['C-1'] } } })).toBe(false);
  });

  it('apply the content filters prefix, suffix, equals-ignore-case, anything-but, numeric and exists', () => {
    expect(matches({ detail: { claimId: [{ prefix: 'C-' }] } })).toBe(true);
    expect(matches({ detail: { claimId: [{ suffix: '-2' }] } })).toBe(false);
    expect(matches({ detail: { currency: [{ 'equals-ignore-case': 'usd' }] } })).toBe(true);
    expect(matches({ detail: { status: [{ 'anything-but': ['rejected', 'paid'] }] } })).toBe(true);
    expect(matches({ detail: { status: [{ 'anything-but': 'validated' }] } })).toBe(false);
    expect(matches({ detail: { amount: [{ numeric: ['>', 1000, '<=', 1250] }] } })).toBe(true);
    expect(matches({ detail: { amount: [{ numeric: ['<', 1000] }] } })).toBe(false);
    expect(matches({ detail: { reason: [{ exists: false }] } })).toBe(true);
    expect(matches({ detail: { reason: [{ exists: true }] } })).toBe(false);
    expect(matches({ detail: { claimId: [{ exists: true }] } })).toBe(true);
  });

  it('refuse, when the stack starts, what the local bus does not emulate rather than never match', () => {
    expect(() => compileEventPattern({ detail: { claimId: [{ wildcard: 'C-*' }] } })).toThrow(
      /detail.claimId uses .*wildcard/,
    );
    expect(() => compileEventPattern({ $or: [{ source: ['a'] }] })).toThrow(/\$or/);
    expect(() => compileEventPattern({ source: 'chrm.claims' })).toThrow(/array or an object/);
    expect(() => compileEventPattern({ detail: { amount: [{ numeric: ['>>', 1] }] } })).toThrow(/numeric/);
    // A prefix of a prefix (EventBridge's case-insensitive prefix) is not emulated: refused, not mis-read.
    expect(() =>
      compileEventPattern({ detail: { claimId: [{ prefix: { 'equals-ignore-case': 'c-' } }] } }),
    ).toThrow(/detail.claimId uses .*prefix/);
    expect(() => compileEventPattern({ detail: { reason: [{ exists: 'yes' }] } })).toThrow(/exists/);
  });
});
