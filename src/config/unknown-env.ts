/**
 * Environment variables that look like settings but are none (`ACS_EMULATOR_PROT`): loadConfig
 * ignores them, so the CLI warns, naming the setting the name is closest to.
 */
import { ENV_PREFIX } from './constants.js';
import { SETTINGS } from './settings.js';

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.MAX_SAFE_INTEGER;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** One warning per `ACS_EMULATOR_*` name in `env` that is no setting's env twin. */
export function unknownEnvWarnings(env: Readonly<Record<string, string | undefined>>): string[] {
  const known = new Map(SETTINGS.map((s) => [s.env, s]));
  return Object.keys(env)
    .filter((name) => name.toUpperCase().startsWith(ENV_PREFIX) && !known.has(name))
    .sort()
    .map((name) => {
      let closest = SETTINGS[0];
      let best = Number.MAX_SAFE_INTEGER;
      for (const setting of SETTINGS) {
        const d = distance(name.toUpperCase(), setting.env);
        if (d < best) [closest, best] = [setting, d];
      }
      const hint = closest ? `; did you mean ${closest.env} (${closest.flag})?` : '';
      return `${name} is not a setting and is ignored${hint}`;
    });
}
