/**
 * The user-data templates provision ships, checked by the real cloud-init CLI's schema
 * validation (Debian 12's 22.4 and trixie's 25.1, as test/lab/setup.sh installs them), after
 * rendering with sample values exactly as a run renders them with its own.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SERVER_TEMPLATES } from '../../src/provision/server-templates.ts';
import { renderUserData, SAMPLE_VALUES } from '../../src/provision/user-data.ts';
import { TRIXIE_DIR } from '../lab/names.ts';
import { tempDir } from '../support/temp-dir.ts';

const CLIS = {
  'bookworm 22.4': { command: ['/usr/bin/cloud-init'], env: {} },
  'trixie 25.1': {
    command: ['/usr/bin/python3', join(TRIXIE_DIR, 'usr/bin/cloud-init')],
    env: { PYTHONPATH: join(TRIXIE_DIR, 'usr/lib/python3/dist-packages') },
  },
};

function schema(cli: (typeof CLIS)[keyof typeof CLIS], file: string) {
  const [program = '', ...args] = cli.command;
  const run = spawnSync(program, [...args, 'schema', '-c', file], {
    encoding: 'utf8',
    env: { ...process.env, ...cli.env },
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('shipped user-data templates pass cloud-init schema validation', () => {
  const dir = tempDir('recipe-ci-templates-');
  for (const [name, template] of Object.entries(SERVER_TEMPLATES)) {
    const rendered = renderUserData(template, SAMPLE_VALUES);
    assert.equal(typeof rendered, 'string', name);
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, rendered as string);
    for (const [version, cli] of Object.entries(CLIS)) {
      it(`${name} on cloud-init ${version}`, () => {
        const result = schema(cli, file);
        assert.equal(result.code, 0, result.output);
        // 22.4 says "Valid cloud-config", 25.1 "Valid schema".
        assert.match(result.output, /Valid (schema|cloud-config)/i);
      });
    }
  }

  it('the same validation refuses a template with a schema error (so the check can fail)', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, '#cloud-config\npackages: docker.io\nruncmd: 42\n');
    for (const cli of Object.values(CLIS)) {
      const result = schema(cli, file);
      assert.notEqual(result.code, 0, result.output);
    }
  });
});
