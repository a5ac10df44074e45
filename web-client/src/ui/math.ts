/**
 * LaTeX in replies: models write `$x$`, `$$x$$`, `\(x\)` and `\[x\]`. remark-math, run with single-dollar math off (so
 * "costs $5 and $10" stays text), reads `$$x$$` inside a line as inline math and a `$$` fence on lines of its own as a
 * display block. `toRemarkMath` rewrites the other forms into those before markdown is parsed (markdown would eat the
 * backslashes of `\(` and `\[`); code blocks and inline code are left exactly as written.
 */

/** Fenced code blocks (``` or ~~~, to their closing fence or the end) and inline code spans: never math. */
const CODE = /(^|\n)([ \t]{0,3})(`{3,}|~{3,})[^\n]*(?:[\s\S]*?\n[ \t]{0,3}\3[ \t]*(?=\n|$)|[\s\S]*$)|(`+)[\s\S]*?[^`]\4(?!`)|`+/g;

/**
 * A single-dollar span is math only as pandoc reads it: no space after the opening `$`, none before the closing one,
 * and no digit right after the closing one; so amounts ("$5 and $10", "$5-$10") stay text.
 */
const SINGLE = /(^|[^\\$\w])\$(?![\s$])((?:\\.|[^$\n\\])*?[^\s\\$])\$(?![\d$])/g;
/** `\[ ... \]` starting a line: a display block; anywhere else: inline. */
const BRACKET_BLOCK = /(^|\n)([ \t]*)\\\[([\s\S]+?)\\\][ \t]*(\n|$)?/g;
const BRACKETS = /\\\[([\s\S]+?)\\\]/g;
const PARENS = /\\\(([\s\S]+?)\\\)/g;
/** `$$` opening a line with the formula on the same line(s), closed at a line's end: made a fenced display block. */
const DOLLAR_BLOCK = /(^|\n)([ \t]*)\$\$(?![ \t]*\n)((?:[^$]|\$(?!\$))+?)\$\$[ \t]*(?=\n|$)/g;

const fence = (indent: string, tex: string) => `${indent}$$\n${indent}${tex.trim()}\n${indent}$$`;

function rewriteProse(prose: string): string {
  return prose
    .replace(DOLLAR_BLOCK, (_, lineStart: string, indent: string, tex: string) => `${lineStart}${fence(indent, tex)}`)
    .replace(BRACKET_BLOCK, (_, lineStart: string, indent: string, tex: string, end: string | undefined) =>
      `${lineStart}${fence(indent, tex)}${end ?? '\n'}`,
    )
    .replace(BRACKETS, (_, tex: string) => `$$${tex.trim()}$$`)
    .replace(PARENS, (_, tex: string) => `$$${tex.trim()}$$`)
    .replace(SINGLE, (_, before: string, tex: string) => `${before}$$${tex}$$`);
}

/** Could this text hold math at all? (A cheap test on every render; only then is the math renderer loaded.) */
export function mayHaveMath(text: string): boolean {
  return text.includes('$') || text.includes('\\(') || text.includes('\\[');
}

/** The reply's text with its math in the forms remark-math reads (see above); code untouched. */
export function toRemarkMath(text: string): string {
  if (!mayHaveMath(text)) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(CODE)) {
    const start = m.index + (m[1]?.length ?? 0);
    out += rewriteProse(text.slice(last, start)) + text.slice(start, m.index + m[0].length);
    last = m.index + m[0].length;
  }
  return out + rewriteProse(text.slice(last));
}

/** Whether rewritten text (from `toRemarkMath`) has math outside code, so the math renderer is needed. */
export function needsMath(rewritten: string): boolean {
  return rewritten.includes('$$') && rewritten.replace(CODE, '').includes('$$');
}
