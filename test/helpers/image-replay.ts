/**
 * Replays a Dockerfile's stages outside Docker: each stage gets a folder that stands for its
 * filesystem root, COPY copies from the build context or an earlier stage, and RUN executes the
 * few commands it knows (anything else throws, so the Dockerfile cannot drift from this replay).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { envPairs, execForm, healthcheck, parseDockerfile, type Stage } from './dockerfile.js';

export interface ReplayedStage {
  name: string;
  base: string;
  /** The folder standing for the stage's `/`. */
  fsRoot: string;
  /** The last WORKDIR, as a host path. */
  workdir: string;
  /** ENV as declared (container paths). */
  env: Record<string, string>;
  user?: string;
  exposed: string[];
  apkPackages: string[];
  healthcheck?: { options: Record<string, string>; command: string[] };
  entrypoint: string[];
  cmd: string[];
  /** Container path -> host path inside this stage's folder. */
  hostPath(containerPath: string): string;
}

export interface ReplayOptions {
  /** The build context (the repository). */
  context: string;
  /** Empty folder that receives one sub-folder per stage. */
  root: string;
  /** Used for a full (dev) `npm ci`: the repository's install from the same lock file. */
  devNodeModules: string;
  /** Files and folders the build context leaves out (.dockerignore names). */
  ignored: ReadonlySet<string>;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `RUN ${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}${result.stdout}`,
    );
  }
}

function replayRun(stage: ReplayedStage, args: string, options: ReplayOptions): void {
  for (const part of args.split('&&').map((p) => p.trim())) {
    const [command, ...rest] = part.split(/\s+/) as [string, ...string[]];
    const env = {
      ...process.env,
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
    };
    if (command === 'npm' && rest[0] === 'ci') {
      if (rest.includes('--omit=dev')) run('npm', rest, stage.workdir, env);
      else symlinkSync(options.devNodeModules, join(stage.workdir, 'node_modules'), 'dir');
    } else if (command === 'npx') run('npx', rest, stage.workdir, env);
    else if (command === 'node') run(process.execPath, rest, stage.workdir, env);
    else if (command === 'npm' && rest[0] === 'cache') continue;
    else if (command === 'apk' && rest[0] === 'add')
      stage.apkPackages.push(...rest.slice(1).filter((a) => !a.startsWith('-')));
    else if (command === 'mkdir' && rest[0] === '-p')
      for (const dir of rest.slice(1)) mkdirSync(stage.hostPath(dir), { recursive: true });
    else if (command === 'chown') continue;
    else throw new Error(`the image-steps replay does not know how to RUN '${part}'`);
  }
}

function replayCopy(
  stage: ReplayedStage,
  args: string,
  stages: Map<string, ReplayedStage>,
  options: ReplayOptions,
): void {
  const words = args.split(/\s+/);
  let from: ReplayedStage | undefined;
  if (words[0]?.startsWith('--from=')) {
    from = stages.get(words[0].slice('--from='.length));
    if (!from) throw new Error(`COPY ${args}: no earlier stage of that name`);
    words.shift();
  }
  const dest = words.pop() as string;
  const target = stage.hostPath(dest);
  const into = dest.endsWith('/') || words.length > 1;
  for (const source of words) {
    const path = from ? from.hostPath(source) : join(options.context, source);
    cpSync(path, into ? join(target, basename(source)) : target, {
      recursive: true,
      dereference: true,
      filter: (src) => from !== undefined || !options.ignored.has(basename(src)),
    });
  }
}

function replayStage(
  parsed: Stage,
  stages: Map<string, ReplayedStage>,
  options: ReplayOptions,
): ReplayedStage {
  const fsRoot = join(options.root, parsed.name);
  mkdirSync(fsRoot, { recursive: true });
  let workdirPath = '/';
  const stage: ReplayedStage = {
    name: parsed.name,
    base: parsed.base,
    fsRoot,
    workdir: fsRoot,
    env: {},
    exposed: [],
    apkPackages: [],
    entrypoint: [],
    cmd: [],
    hostPath: (p) => join(fsRoot, p.startsWith('/') ? p : join(workdirPath, p)),
  };
  for (const { keyword, args, line } of parsed.instructions) {
    switch (keyword) {
      case 'WORKDIR':
        workdirPath = args.startsWith('/') ? args : join(workdirPath, args);
        stage.workdir = join(fsRoot, workdirPath);
        mkdirSync(stage.workdir, { recursive: true });
        break;
      case 'COPY':
        replayCopy(stage, args, stages, options);
        break;
      case 'RUN':
        replayRun(stage, args, options);
        break;
      case 'ENV':
        Object.assign(stage.env, envPairs(args));
        break;
      case 'USER':
        stage.user = args;
        break;
      case 'EXPOSE':
        stage.exposed.push(...args.split(/\s+/));
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = healthcheck(args);
        break;
      case 'ENTRYPOINT':
        stage.entrypoint = execForm(args);
        break;
      case 'CMD':
        stage.cmd = execForm(args);
        break;
      default:
        throw new Error(`Dockerfile line ${line}: the replay does not know ${keyword}`);
    }
  }
  return stage;
}

/** Replays every stage in order and returns them by name (the last one is the image). */
export function replayImage(dockerfile: string, options: ReplayOptions): ReplayedStage[] {
  const stages = new Map<string, ReplayedStage>();
  for (const parsed of parseDockerfile(dockerfile))
    stages.set(parsed.name, replayStage(parsed, stages, options));
  return [...stages.values()];
}
