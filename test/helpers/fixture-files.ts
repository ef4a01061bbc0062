/** Reads files from fixtures/ and matches golden events with {{placeholders}}. */
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

export const fixture = (path: string): string =>
  readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');

const SHAPES: Record<string, RegExp> = {
  guid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  callConnectionId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  correlationId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  // Standard base64 with padding, as the service's recordings show.
  serverCallId: /^[A-Za-z0-9+/]+={0,2}$/,
  // As the service writes it: fractional seconds and a +00:00 offset.
  time: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,7}\+00:00$/,
};

/**
 * Asserts `actual` equals the golden JSON, where a string "{{name}}" (or one containing it) stands
 * for a value of that shape, and the same name must be the same value everywhere.
 */
export function assertMatchesGolden(actual: unknown, golden: unknown): void {
  const seen = new Map<string, string>();
  const walk = (a: unknown, g: unknown, path: string): void => {
    if (typeof g === 'string' && g.includes('{{')) {
      assert.equal(typeof a, 'string', `${path} is a string`);
      const names: string[] = [];
      const pattern = g
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\\\{\\\{(\w+)\\\}\\\}/g, (_, name: string) => {
          names.push(name);
          return '(.+?)';
        });
      const m = new RegExp(`^${pattern}$`).exec(a as string);
      assert.ok(m, `${path}: '${String(a)}' does not fit '${g}'`);
      names.forEach((name, i) => {
        const value = m[i + 1] as string;
        const shape = SHAPES[name];
        if (shape) assert.match(value, shape, `${path}: {{${name}}}`);
        const before = seen.get(name);
        if (before !== undefined && name !== 'guid')
          assert.equal(value, before, `${path}: {{${name}}} differs`);
        seen.set(name, value);
      });
      return;
    }
    if (Array.isArray(g)) {
      assert.ok(Array.isArray(a), `${path} is an array`);
      assert.equal(a.length, g.length, `${path} length`);
      g.forEach((item, i) => walk(a[i], item, `${path}[${i}]`));
      return;
    }
    if (g !== null && typeof g === 'object') {
      assert.ok(a !== null && typeof a === 'object' && !Array.isArray(a), `${path} is an object`);
      assert.deepEqual(Object.keys(a).sort(), Object.keys(g).sort(), `${path} keys`);
      for (const [key, value] of Object.entries(g))
        walk((a as Record<string, unknown>)[key], value, `${path}.${key}`);
      return;
    }
    assert.deepEqual(a, g, path);
  };
  walk(actual, golden, '$');
}
