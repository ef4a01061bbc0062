/**
 * The import rules of .dependency-cruiser.cjs catch what they promise: an arrow from a lower room
 * to a higher one, and a circle. Each case cruises a small tree made for it in a temp folder.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'acs-arch-'));
  try {
    copyFileSync(join(root, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const result = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        'src',
        ...(Object.keys(files).some((p) => p.startsWith('web/')) ? ['web'] : []),
        '--config',
        join(root, '.dependency-cruiser.cjs'),
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('architecture rules', () => {
  it('accept a tree whose imports all point down', () => {
    const result = cruise({
      'src/routes/a.ts': "import { b } from '../http/b.js';\nexport const a = b;\n",
      'src/http/b.ts': "import { c } from '../domain/c.js';\nexport const b = c;\n",
      'src/domain/c.ts': 'export const c = 1;\n',
    });
    assert.equal(result.status, 0, result.output);
  });

  it('refuse the domain importing a room above it', () => {
    const result = cruise({
      'src/domain/c.ts': "import { b } from '../http/b.js';\nexport const c = b;\n",
      'src/http/b.ts': 'export const b = 1;\n',
    });
    assert.notEqual(result.status, 0);
    assert.match(result.output, /domain-imports-only-downward/);
  });

  it('refuse faults importing http', () => {
    const result = cruise({
      'src/faults/f.ts': "import { b } from '../http/b.js';\nexport const f = b;\n",
      'src/http/b.ts': 'export const b = 1;\n',
    });
    assert.notEqual(result.status, 0);
    assert.match(result.output, /faults-imports-only-downward/);
  });

  it('refuse a circle inside one room', () => {
    const result = cruise({
      'src/routes/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/routes/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
    });
    assert.notEqual(result.status, 0);
    assert.match(result.output, /no-circular/);
  });

  it('refuse a file outside every room', () => {
    const result = cruise({
      'src/stray/s.ts': "import { c } from '../domain/c.js';\nexport const s = c;\n",
      'src/domain/c.ts': 'export const c = 1;\n',
    });
    assert.notEqual(result.status, 0);
    assert.match(result.output, /every-file-has-a-room/);
  });

  it('refuse the dashboard page importing a server room', () => {
    const result = cruise({
      'web/page.ts': "import { c } from '../src/domain/c.js';\nexport const p = c;\n",
      'src/domain/c.ts': 'export const c = 1;\n',
    });
    assert.notEqual(result.status, 0);
    assert.match(result.output, /page-imports-no-server-room/);
  });
});
