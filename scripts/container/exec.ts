/**
 * Runs one command with a hard time limit and captured output. The container scripts call apt-get,
 * mmdebstrap and podman, any of which can hang on a network or a lock: nothing waits unbounded.
 */
import { spawn } from 'node:child_process';

export interface ExecOptions {
  timeoutMs: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Resolve with a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** Written to the command's standard input, then closed. */
  input?: string;
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const TAIL = 4_000;

function describe(command: string, args: readonly string[]): string {
  return [command, ...args].join(' ');
}

export function exec(
  command: string,
  args: readonly string[],
  options: ExecOptions,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a time-out also ends what it started (apt-get's methods, conmon).
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    if (options.input !== undefined && child.stdin) {
      // A command that exits without reading its input is not an error of ours.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${describe(command, args)}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = { code, stdout, stderr };
      if (!timedOut && (code === 0 || options.allowFailure)) return resolve(result);
      const why = timedOut ? `timed out after ${options.timeoutMs} ms` : `exit ${code ?? signal}`;
      const output = `${stderr.slice(-TAIL)}\n${stdout.slice(-TAIL)}`.trim();
      reject(new Error(`${describe(command, args)}: ${why}\n${output}`));
    });
  });
}

/** The absolute path of `name` on PATH, or undefined. */
export async function which(name: string): Promise<string | undefined> {
  const found = await exec('sh', ['-c', `command -v ${name}`], {
    timeoutMs: 5_000,
    allowFailure: true,
  });
  const path = found.stdout.trim();
  return found.code === 0 && path.startsWith('/') ? path : undefined;
}
