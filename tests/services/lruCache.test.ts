import { describe, expect, it } from 'vitest';
import { LruCache } from '../../electron/services/studies/lruCache';

describe('LruCache', () => {
  it('evicts the least recently used entries to stay within the byte budget', () => {
    const c = new LruCache<string, number>(100);
    c.set('a', 1, 40);
    c.set('b', 2, 40);
    expect(c.get('a')).toBe(1); // a is now most recent
    c.set('c', 3, 40); // over budget: b goes
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
    expect(c.weight).toBe(80);
  });

  it('replaces an entry, and never keeps one larger than the budget', () => {
    const c = new LruCache<string, string>(10);
    c.set('x', 'one', 4);
    c.set('x', 'two', 6);
    expect(c.get('x')).toBe('two');
    expect(c.weight).toBe(6);
    c.set('huge', 'h', 11);
    expect(c.get('huge')).toBeUndefined();
    expect(c.size).toBe(1);
  });
});
