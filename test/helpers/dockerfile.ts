/** Reads what the container tests check in the Dockerfile's text (the engine reads the rest). */

/** The default of `ARG name=value` (the first one, as a global ARG before FROM), if any. */
export function argDefault(dockerfile: string, name: string): string | undefined {
  for (const line of dockerfile.split('\n')) {
    const match = /^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)=(\S+)\s*$/.exec(line);
    if (match?.[1] === name) return match[2];
  }
  return undefined;
}
