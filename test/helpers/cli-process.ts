/** Spawns the real CLI (through tsx) and reads its ready line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `CLI_UNDER_TEST=dist/cli.js` runs these tests against the built (bundled) CLI instead of the
 * sources, to check what `npm run build` made behaves the same.
 */
const BUILT = process.env.CLI_UNDER_TEST;
const COMMAND = BUILT
  ? [fileURLToPath(new URL(`../../${BUILT}`, import.meta.url))]
  : ['--import', 'tsx', CLI];

export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  return watchProcess(
    spawn(process.execPath, [...COMMAND, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Collects a child's output and exit code (spawn it with piped stdout and stderr). */
export function watchProcess(child: ChildProcess): CliRun {
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** The ready line's JSON fields. */
export interface ReadyLine {
  url: string;
  port: number;
  connectionString: string;
  msg: string;
  certFile?: string;
}

/** Waits (bounded) until the ready line appears and returns its parsed JSON. */
export async function readyLine(run: CliRun, timeoutMs = 15_000): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `no ready line in ${timeoutMs} ms; stdout=${run.stdout()} stderr=${run.stderr()}`,
          ),
        ),
      timeoutMs,
    );
    const check = () => {
      const line = run
        .stdout()
        .split('\n')
        .find((l) => l.includes('"connectionString"'));
      if (!line) return;
      clearTimeout(timer);
      run.child.stdout?.off('data', check);
      resolve(JSON.parse(line) as ReadyLine);
    };
    run.child.stdout?.on('data', check);
    void run.exited.then((code) => reject(new Error(`exited with ${code}: ${run.stderr()}`)));
    check();
  });
}
