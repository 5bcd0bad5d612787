// Regenerates the inputs/outputs tables of every actions/<name>/README.md from its action.yml.
// A unit test fails when a README is out of date, so the docs cannot drift from the metadata.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseActionMetadata, withDocs } from '../src/cli/metadata.ts';

for (const action of readdirSync('actions')) {
  const metadata = parseActionMetadata(readFileSync(join('actions', action, 'action.yml'), 'utf8'));
  const file = join('actions', action, 'README.md');
  const current = readFileSync(file, 'utf8');
  const next = withDocs(current, metadata);
  if (next !== current) {
    writeFileSync(file, next);
    console.log(`updated ${file}`);
  }
}
