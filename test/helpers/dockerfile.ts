/** A small Dockerfile reader for the image-steps test: stages, instructions, exec forms, ENV. */

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  base: string;
  name: string;
  instructions: Instruction[];
}

/** Splits into stages; joins `\` continuations and drops comment lines, as Docker does. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let line = lines[i] as string;
    if (/^\s*(#|$)/.test(line)) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) {
      i++;
      const next = lines[i] as string;
      line = line.slice(0, -1) + (/^\s*#/.test(next) ? '' : ` ${next.trim()}`);
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`Dockerfile line ${start}: cannot read '${line}'`);
    const keyword = (match[1] as string).toUpperCase();
    const args = (match[2] as string).trim();
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`Dockerfile line ${start}: cannot read FROM ${args}`);
      stages.push({
        base: from[1] as string,
        name: from[2] ?? String(stages.length),
        instructions: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`Dockerfile line ${start}: ${keyword} before FROM`);
    stage.instructions.push({ keyword, args, line: start });
  }
  return stages;
}

/** The JSON-array (exec) form of CMD/ENTRYPOINT/HEALTHCHECK CMD; the shell form is refused. */
export function execForm(args: string): string[] {
  const value: unknown = JSON.parse(args);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new Error(`expected the exec form ["cmd", "arg"], got ${args}`);
  return value as string[];
}

/** `ENV A=1 B=2` (unquoted values; the legacy `ENV A 1` form is refused). */
export function envPairs(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of args.split(/\s+/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`expected ENV KEY=value pairs, got ${args}`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

/** `HEALTHCHECK --interval=10s ... CMD ["node", ...]` -> options and the exec-form command. */
export function healthcheck(args: string): { options: Record<string, string>; command: string[] } {
  const match = /^((?:--[a-z-]+=\S+\s+)*)CMD\s+(\[.*\])$/.exec(args);
  if (!match)
    throw new Error(`expected HEALTHCHECK [--opt=value ...] CMD [exec form], got ${args}`);
  const options: Record<string, string> = {};
  for (const option of (match[1] as string).trim().split(/\s+/).filter(Boolean)) {
    const [name, value] = option.slice(2).split('=') as [string, string];
    options[name] = value;
  }
  return { options, command: execForm(match[2] as string) };
}
