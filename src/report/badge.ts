/**
 * The recipe's badge: `<recipe> | L3 passed`, coloured by the verdict, as an SVG file a README
 * can show from anywhere, and as a shields.io endpoint JSON (schemaVersion 1: label, message,
 * color — https://shields.io/badges/endpoint-badge) for those who host badges there.
 */
import { escapeXml } from '../shared/xml.ts';
import { VERDICT_COLOURS, type Verdict } from './verdict.ts';

export interface BadgeText {
  label: string;
  message: string;
  verdict: Verdict;
}

export function badgeText(recipe: string, level: number | undefined, verdict: Verdict): BadgeText {
  const rung = level === undefined ? 'no level' : `L${String(level)}`;
  return { label: recipe, message: `${rung} ${verdict}`, verdict };
}

export function shieldsEndpoint(badge: BadgeText): string {
  const json = {
    schemaVersion: 1,
    label: badge.label,
    message: badge.message,
    color: VERDICT_COLOURS[badge.verdict].name,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** shields.io's flat style: two rounded boxes, 20 px high, Verdana 11 px with a soft shadow. */
export function badgeSvg(badge: BadgeText): string {
  const left = textWidth(badge.label) + 10;
  const right = textWidth(badge.message) + 10;
  const width = left + right;
  const colour = VERDICT_COLOURS[badge.verdict].hex;
  const label = escapeXml(badge.label);
  const message = escapeXml(badge.message);
  const text = (x: number, value: string): string =>
    `<text x="${String(x)}" y="15" fill="#010101" fill-opacity=".3">${value}</text>` +
    `<text x="${String(x)}" y="14">${value}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="20" role="img" aria-label="${label}: ${message}">`,
    `<title>${label}: ${message}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${String(width)}" height="20" rx="3" fill="#fff"/></clipPath>`,
    '<g clip-path="url(#r)">',
    `<rect width="${String(left)}" height="20" fill="#555"/>`,
    `<rect x="${String(left)}" width="${String(right)}" height="20" fill="${colour}"/>`,
    `<rect width="${String(width)}" height="20" fill="url(#s)"/>`,
    '</g>',
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">',
    text(left / 2, label),
    text(left + right / 2, message),
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

/**
 * Verdana 11 px advance widths, rounded up, for the characters a recipe name and a level use;
 * anything else counts as a wide letter, so text never spills out of its box.
 */
const NARROW = new Set('fijlrt1.,:;!|()[] -_'.split(''));
const WIDE = new Set('mwMW@%'.split(''));
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (NARROW.has(char)) width += 4.5;
    else if (WIDE.has(char)) width += 11;
    else if (char >= 'A' && char <= 'Z') width += 8;
    else width += 7;
  }
  return Math.ceil(width);
}
