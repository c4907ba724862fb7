import { decodeTime } from 'ulid';
import { newId } from '../../src/ids';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('newId', () => {
  it('is a 26-character ULID carrying the given time', () => {
    const at = new Date('2030-07-01T09:00:00.123Z');
    const id = newId(at);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeTime(id)).toBe(at.getTime());
  });

  it('sorts in creation order, within one millisecond too', () => {
    const at = new Date('2030-07-01T09:00:00.000Z');
    const sameMs = Array.from({ length: 500 }, () => newId(at));
    expect([...sameMs].sort()).toEqual(sameMs);
    expect(new Set(sameMs).size).toBe(sameMs.length);
    const later = newId(new Date(at.getTime() + 1));
    expect(later > (sameMs.at(-1) ?? '')).toBe(true);
  });

  it('draws the random part evenly over all 32 symbols', () => {
    // A new millisecond each time, so every id gets a fresh random part (no increment).
    const base = Date.parse('2031-01-01T00:00:00Z');
    const counts = new Map<string, number>();
    const ids = Array.from({ length: 2_000 }, (_, i) => newId(new Date(base + i)));
    for (const id of ids) {
      for (const char of id.slice(10)) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe(CROCKFORD);
    // 32,000 characters: each symbol is expected 1,000 times; 800-1,200 is over 6 sigma wide.
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(800);
      expect(count).toBeLessThan(1_200);
    }
    expect(new Set(ids.map((id) => id.slice(10))).size).toBe(ids.length);
  });
});
