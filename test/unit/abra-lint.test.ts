/**
 * Reading `abra recipe lint`: its table as a terminal shows it (box borders, escape codes, CRs
 * from `script`), cells that wrap, skipped rules, and the verdict — abra exits 0 with failing
 * rules, so the table decides; a non-zero exit means abra could not lint. Then the run itself:
 * on a pseudo-terminal, since abra refuses to lint without one.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  judgeAbraLint,
  parseLintTable,
  plainText,
  runAbraLint,
} from '../../src/deploy/abra-lint.ts';
import type { ProgramResult } from '../../src/process/run-program.ts';
import { tempDir } from '../support/temp-dir.ts';

const COMMAND = 'abra recipe lint notes --chaos --offline -n';

/** A table as abra prints it on a terminal, rows as given; through `script`, lines end in CRLF. */
function abraTable(rows: string[][]): string {
  const bold = (text: string): string => `\u001b[1m${text}\u001b[0m`;
  const line = (cells: string[]): string => `│ ${cells.join(' │ ')} │`;
  return [
    '┌──────┬─────┬──────────┬───────────┬─────────┬─────────┐',
    line(['REF', 'RULE', 'SEVERITY', 'SATISFIED', 'SKIPPED', 'RESOLVE'].map(bold)),
    '├──────┼─────┼──────────┼───────────┼─────────┼─────────┤',
    ...rows.map(line),
    '└──────┴─────┴──────────┴───────────┴─────────┴─────────┘',
    '',
  ].join('\r\n');
}

function ran(output: string, code = 0): ProgramResult {
  return {
    code,
    output,
    stdout: output,
    stderr: '',
    lastLine: output.trim().split('\n').at(-1)?.trim() ?? '',
    timedOut: false,
    cancelled: false,
    durationMs: 700,
  };
}

const PASSING = [
  ['R001', 'compose config has expected version', 'warn', '✅', '-', 'ensure \'version: "3.8"\''],
  ['R002', 'healthcheck enabled for all services', 'warn', '❌', '-', 'wire up healthchecks'],
  ['R010', 'traefik routing enabled', 'error', '-', '✅', 'include "traefik.enable=true"'],
  ['R011', 'all services have images', 'error', '✅', '-', 'ensure "image: ..." is set'],
];

test('the table as a terminal shows it: escape codes and CRs out, one row per rule', () => {
  const output = abraTable(PASSING);
  const plain = plainText(output);
  assert.ok(!plain.includes('\r') && !plain.includes('\u001b'), 'no CR, no escape codes');
  assert.deepEqual(parseLintTable(output), [
    {
      ref: 'R001',
      rule: 'compose config has expected version',
      severity: 'warn',
      satisfied: true,
      skipped: false,
      resolve: 'ensure \'version: "3.8"\'',
    },
    {
      ref: 'R002',
      rule: 'healthcheck enabled for all services',
      severity: 'warn',
      satisfied: false,
      skipped: false,
      resolve: 'wire up healthchecks',
    },
    {
      ref: 'R010',
      rule: 'traefik routing enabled',
      severity: 'error',
      satisfied: undefined,
      skipped: true,
      resolve: 'include "traefik.enable=true"',
    },
    {
      ref: 'R011',
      rule: 'all services have images',
      severity: 'error',
      satisfied: true,
      skipped: false,
      resolve: 'ensure "image: ..." is set',
    },
  ]);
});

test('a cell wrapped onto the next line joins its row; | borders read as well as box ones', () => {
  const output = [
    '| REF  | RULE                 | SEVERITY | SATISFIED | SKIPPED | RESOLVE         |',
    '| R009 | one service named    | ERROR    | ❌        | -       | name a service  |',
    "|      | 'app'                |          |           |         | 'app'           |",
  ].join('\n');
  assert.deepEqual(parseLintTable(output), [
    {
      ref: 'R009',
      rule: "one service named 'app'",
      severity: 'error',
      satisfied: false,
      skipped: false,
      resolve: "name a service 'app'",
    },
  ]);
});

test('warnings pass and are named; a skipped error rule passes', () => {
  const step = judgeAbraLint(COMMAND, ran(abraTable(PASSING)), '120s');
  assert.deepEqual(
    [step.ok, step.summary],
    [
      true,
      `${COMMAND}: 4 rules, 2 satisfied, 1 skipped; warnings: R002 healthcheck enabled for all services`,
    ],
  );
  assert.equal(step.results[0]?.output, plainText(abraTable(PASSING)), 'the table, for the report');
});

test('an error rule not satisfied fails, with abra’s advice, although abra exited 0', () => {
  const rows = PASSING.map((row) =>
    row[0] === 'R011' ? row.map((cell, i) => (i === 3 ? '❌' : cell)) : row,
  );
  const output = `${abraTable(rows)}WARN critical errors present in recipe config\r\n`;
  const step = judgeAbraLint(COMMAND, ran(output, 0), '120s');
  assert.equal(step.ok, false);
  assert.equal(
    step.summary,
    `${COMMAND}: error rules not satisfied: R011 all services have images (ensure "image: ..." is set); warnings: R002 healthcheck enabled for all services; 4 rules, 1 satisfied, 1 skipped`,
  );
  assert.match(step.results[0]?.output ?? '', /│ R011 │ all services have images │ error │ ❌ │/);
  assert.doesNotMatch(step.results[0]?.output ?? '', /\r/, 'results.json gets plain text');
});

test('abra that cannot lint, or prints no table, fails the lint with what it said', () => {
  const fatal = judgeAbraLint(
    COMMAND,
    ran('FATA unable to validate recipe: .env.sample does not exist\r\n', 1),
    '120s',
  );
  assert.deepEqual(
    [fatal.ok, fatal.summary],
    [false, `${COMMAND}: exited with 1 (unable to validate recipe: .env.sample does not exist)`],
  );
  const empty = judgeAbraLint(COMMAND, ran('nothing to see\n'), '120s');
  assert.deepEqual(
    [empty.ok, empty.summary],
    [false, `${COMMAND}: printed no rule table (nothing to see)`],
  );
  const cut = judgeAbraLint(COMMAND, { ...ran(''), code: null, timedOut: true }, '120s');
  assert.equal(cut.summary, `${COMMAND}: did not finish within 120s`);
});

test('abra runs on a pseudo-terminal in the run’s ABRA_DIR, with the lint flags', async () => {
  const dir = tempDir('recipe-ci-abra-lint-');
  const abra = join(dir, 'fake abra');
  // Like abra: no terminal, no table.
  writeFileSync(
    abra,
    [
      '#!/bin/sh',
      'test -t 1 || { echo "FATA inappropriate ioctl for device"; exit 1; }',
      'echo "args: $*" >"$PWD/args"',
      'printf "%s\\n" "│ R001 │ compose config has expected version │ warn │ ✅ │ - │ fine │"',
    ].join('\n'),
  );
  chmodSync(abra, 0o755);
  const step = await runAbraLint({
    recipe: 'notes',
    abra,
    abraDir: dir,
    env: { PATH: process.env.PATH },
    timeoutMs: 10_000,
    signal: new AbortController().signal,
  });
  assert.deepEqual([step.ok, step.summary], [true, `${COMMAND}: 1 rule, 1 satisfied, 0 skipped`]);
  assert.equal(
    readFileSync(join(dir, 'args'), 'utf8'),
    'args: recipe lint notes --chaos --offline -n\n',
  );
});
