/**
 * The job summary a workflow would show, rendered for a terminal: headings underlined, tables
 * aligned in columns, the few HTML bits a summary uses turned into plain text. Only the Markdown
 * our own reports write (src/platform/report.ts) needs to read well here.
 */

export function renderSummary(markdown: string): string[] {
  const out: string[] = [];
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      const title = inline(heading[1] ?? '');
      // Each report's summary starts with its heading: a blank line keeps them apart.
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      out.push(title, '─'.repeat(Math.min(title.length, 78)));
      continue;
    }
    if (isTableRow(line) && isSeparatorRow(lines[i + 1] ?? '')) {
      const rows: string[][] = [cells(line)];
      i += 2;
      while (i < lines.length && isTableRow(lines[i] ?? '')) rows.push(cells(lines[i++] ?? ''));
      i--;
      out.push(...alignTable(rows));
      continue;
    }
    out.push(inline(line));
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

function isTableRow(line: string): boolean {
  return line.trimStart().startsWith('|');
}

function isSeparatorRow(line: string): boolean {
  return /^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line);
}

/** The cells of `| a | b \| c |`, with escaped pipes kept inside their cell. */
function cells(line: string): string[] {
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return body.split(/(?<!\\)\|/).map((cell) => inline(cell.trim().replace(/\\\|/g, '|')));
}

function alignTable(rows: string[][]): string[] {
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(...rows.map((r) => (r[c] ?? '').length)),
  );
  const line = (row: string[]): string =>
    widths
      .map((w, c) => (row[c] ?? '').padEnd(w))
      .join('  ')
      .trimEnd();
  const [header = [], ...body] = rows;
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}

/** Inline Markdown and HTML to plain text. */
function inline(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, ' / ')
    .replace(/<\/?(details|summary|code|b|strong|em|i)>/gi, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
