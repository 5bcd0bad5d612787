#!/usr/bin/env node
// Lists the longest functions in src/ (lines from declaration to closing brace), so a change
// that grows a branchy function shows up in review. Usage: node scripts/longest-functions.mjs [N]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const limit = Number(process.argv[2] ?? 10);
const found = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.ts')) measure(path);
  }
}

function measure(path) {
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const line = (pos) => source.getLineAndCharacterOfPosition(pos).line;
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const lines = line(node.getEnd()) - line(node.getStart()) + 1;
      const name = node.name?.getText() ?? node.parent?.name?.getText?.() ?? '(anonymous)';
      found.push({ lines, where: `${path}:${line(node.getStart()) + 1}`, name });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

walk('src');
found.sort((a, b) => b.lines - a.lines);
for (const f of found.slice(0, limit))
  console.log(`${String(f.lines).padStart(4)}  ${f.name}  ${f.where}`);
