// Regenerates the inputs/outputs tables of every actions/<name>/README.md from its action.yml,
// and README.md's example result card. Unit tests fail when either is out of date.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseActionMetadata, withDocs } from '../src/cli/metadata.ts';
import { withReadmeCard } from './readme-card.ts';

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

const readme = readFileSync('README.md', 'utf8');
const withCard = withReadmeCard(readme);
if (withCard !== readme) {
  writeFileSync('README.md', withCard);
  console.log('updated README.md (example result card)');
}
