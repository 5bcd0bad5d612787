import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/platform/report.ts
var Report = class {
  constructor(title) {
    this.title = title;
  }
  title;
  blocks = [];
  text(text) {
    this.blocks.push({ kind: "text", text });
    return this;
  }
  table(headers, rows) {
    this.blocks.push({ kind: "table", headers, rows });
    return this;
  }
  toMarkdown() {
    const parts = [`### ${this.title}`];
    for (const block of this.blocks) {
      if (block.kind === "text") {
        parts.push(block.text);
        continue;
      }
      const row = (cells) => `| ${cells.map(escapeCell).join(" | ")} |`;
      parts.push(
        [row(block.headers), row(block.headers.map(() => "---")), ...block.rows.map(row)].join(
          "\n"
        )
      );
    }
    return `${parts.join("\n\n")}
`;
  }
  toLogLines() {
    const lines = [this.title];
    for (const block of this.blocks) {
      if (block.kind === "text") {
        lines.push(...block.text.split("\n"));
        continue;
      }
      const all = [block.headers, ...block.rows];
      const widths = block.headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
      const line = (cells) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
      lines.push(line(block.headers), ...block.rows.map(line));
    }
    return lines;
  }
};
function escapeCell(cell) {
  return cell.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

export {
  Report
};
