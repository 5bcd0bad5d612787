import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { renderUserData, SAMPLE_VALUES } from '../../src/provision/user-data.ts';

test('placeholders become JSON values, so the YAML around them holds', () => {
  const text = renderUserData(
    '#cloud-config\nhostname: {{ name }}\nssh_authorized_keys:\n  - {{public-key}}\nwrite_files:\n  - path: /etc/labels.json\n    content: {{ labels }}\n',
    { 'public-key': 'ssh-ed25519 AAAA: #not a comment', name: 'n-1', labels: { a: 'b' } },
  );
  assert.equal(typeof text, 'string');
  const parsed = parse(text as string) as Record<string, unknown>;
  assert.equal(parsed.hostname, 'n-1');
  assert.deepEqual(parsed.ssh_authorized_keys, ['ssh-ed25519 AAAA: #not a comment']);
});

test('problems are sentences that say what to fix', () => {
  const problem = (template: string): string => {
    const result = renderUserData(template, SAMPLE_VALUES);
    assert.equal(typeof result, 'object', template);
    return (result as { problem: string }).problem;
  };
  assert.match(problem('packages: [git]\n'), /does not start with the line "#cloud-config"/);
  assert.match(problem('#cloud-config\npackages: [git\n'), /is not valid YAML at line/);
  assert.match(problem('#cloud-config\na: 1\na: 2\n'), /is not valid YAML/);
  assert.match(problem('#cloud-config\n- a\n'), /is not a YAML mapping/);
  assert.match(problem('#cloud-config\nx: {{ key }}\n'), /unknown placeholder \{\{ key \}\}/);
  assert.match(problem(`#cloud-config\nx: "${'a'.repeat(33_000)}"\n`), /the limit is 32 KiB/);
});
