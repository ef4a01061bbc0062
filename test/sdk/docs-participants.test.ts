/**
 * The transfer and lobby flows of docs/participants.md run as written: each script is taken from
 * the page, its `acs-call-emulator` import pointed at this checkout, run with tsx, and what it
 * prints must be the output the page shows.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGE = readFileSync(new URL('docs/participants.md', `file://${ROOT}`), 'utf8');

/** The ```ts block after `<!-- runnable: name -->` and the ```text block after it. */
function flow(name: string): { script: string; output: string } {
  const at = PAGE.indexOf(`<!-- runnable: ${name} -->`);
  assert.ok(at >= 0, `docs/participants.md has a runnable ${name} flow`);
  const block = (fence: string, from: number) => {
    const start = PAGE.indexOf(`\`\`\`${fence}\n`, from);
    assert.ok(start >= 0, `a ${fence} block after the ${name} marker`);
    const body = start + fence.length + 4;
    const end = PAGE.indexOf('\n```', body);
    return { text: PAGE.slice(body, end + 1), end };
  };
  const script = block('ts', at);
  const output = block('text', script.end + 4);
  return { script: script.text, output: output.text };
}

async function run(name: string): Promise<string> {
  const { script } = flow(name);
  const dir = `${ROOT}.tmp`;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/docs-${name}-${process.pid}.ts`;
  writeFileSync(file, script.replace("from 'acs-call-emulator'", `from '${ROOT}src/index.ts'`));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], {
      cwd: ROOT,
      timeout: 60_000,
    });
    return stdout;
  } finally {
    rmSync(file, { force: true });
  }
}

describe('docs/participants.md flows run as written', () => {
  for (const name of ['transfer', 'lobby']) {
    it(`the ${name} flow prints what the page shows`, async () => {
      assert.equal(await run(name), flow(name).output);
    });
  }
});
