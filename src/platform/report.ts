/**
 * A result written two ways from one description: plain aligned text for the log (every
 * runner shows the log; Gitea ≤ 1.26 ignores the job summary) and Markdown for the summary.
 */

type Block =
  { kind: 'text'; text: string } | { kind: 'table'; headers: string[]; rows: string[][] };

export class Report {
  private readonly blocks: Block[] = [];

  constructor(readonly title: string) {}

  text(text: string): this {
    this.blocks.push({ kind: 'text', text });
    return this;
  }

  table(headers: string[], rows: string[][]): this {
    this.blocks.push({ kind: 'table', headers, rows });
    return this;
  }

  toMarkdown(): string {
    const parts = [`### ${this.title}`];
    for (const block of this.blocks) {
      if (block.kind === 'text') {
        parts.push(block.text);
        continue;
      }
      parts.push(markdownTable(block.headers, block.rows));
    }
    return `${parts.join('\n\n')}\n`;
  }

  toLogLines(): string[] {
    const lines = [this.title];
    for (const block of this.blocks) {
      if (block.kind === 'text') {
        lines.push(...block.text.split('\n'));
        continue;
      }
      const all = [block.headers, ...block.rows];
      const widths = block.headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
      const line = (cells: string[]): string =>
        cells
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd();
      lines.push(line(block.headers), ...block.rows.map(line));
    }
    return lines;
  }
}

/** A Markdown table; `|` in a cell is escaped and line breaks become `<br>`. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const row = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [row(headers), row(headers.map(() => '---')), ...rows.map(row)].join('\n');
}

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
