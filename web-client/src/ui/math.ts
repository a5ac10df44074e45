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

/** LaTeX commands read as one character, for text that cannot typeset (conversation titles, tooltips). */
const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ',
  upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ',
  Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', infty: '∞', cdot: '·', times: '×', div: '÷', pm: '±',
  mp: '∓', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', approx: '≈', equiv: '≡', sim: '∼', propto: '∝',
  to: '→', rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', Leftrightarrow: '⇔', iff: '⇔', implies: '⇒', mapsto: '↦',
  sum: '∑', prod: '∏', int: '∫', oint: '∮', partial: '∂', nabla: '∇', in: '∈', notin: '∉', subset: '⊂', subseteq: '⊆',
  cup: '∪', cap: '∩', emptyset: '∅', forall: '∀', exists: '∃', neg: '¬', land: '∧', lor: '∨', ldots: '…', dots: '…',
  cdots: '…', circ: '∘', degree: '°', hbar: 'ℏ', ell: 'ℓ', Re: 'ℜ', Im: 'ℑ', mathbb: '', quad: ' ', qquad: ' ',
};
const SUPERSCRIPT: Record<string, string> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '+': '⁺', '-': '⁻', n: 'ⁿ', i: 'ⁱ' };
const SUBSCRIPT: Record<string, string> = { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '+': '₊', '-': '₋' };

/** A `{group}` or a single character (or `\command`) at `i`: its text and where it ends. */
function argument(tex: string, i: number): { text: string; end: number } {
  while (tex[i] === ' ') i++;
  if (tex[i] === '{') {
    let depth = 0;
    for (let j = i; j < tex.length; j++) {
      if (tex[j] === '\\') j++;
      else if (tex[j] === '{') depth++;
      else if (tex[j] === '}' && --depth === 0) return { text: tex.slice(i + 1, j), end: j + 1 };
    }
    return { text: tex.slice(i + 1), end: tex.length };
  }
  const command = /^\\[a-zA-Z]+/.exec(tex.slice(i));
  if (command) return { text: command[0], end: i + command[0].length };
  return { text: tex[i] ?? '', end: i + 1 };
}

/** `a+b` needs brackets around it beside `/` or after `^`; `a`, `2x` and `π` do not. */
const grouped = (text: string) => (!text || /^[\p{L}\p{N}.]+$/u.test(text) ? text : `(${text})`);

/** A script as Unicode super/subscript characters when every character has one, else `^(…)` / `_(…)`. */
function script(text: string, table: Record<string, string>, mark: string): string {
  const chars = [...text];
  if (chars.length && chars.every((c) => table[c])) return chars.map((c) => table[c]).join('');
  return chars.length === 1 ? `${mark}${text}` : `${mark}(${text})`;
}

/**
 * One LaTeX formula as plain, readable text: `\frac{a}{b}` -> `a/b`, `x^{2}` -> `x²`, `\sqrt{x+1}` -> `√(x+1)`, `\pi`
 * -> `π`, `\text{m}` -> `m`. Not a typesetter: enough that a title or a tooltip reads as what was meant.
 */
export function texAsText(tex: string): string {
  let out = '';
  for (let i = 0; i < tex.length; ) {
    const c = tex[i];
    if (c === '\\') {
      const name = /^[a-zA-Z]+/.exec(tex.slice(i + 1))?.[0];
      if (!name) {
        // \, \; \! \  and escaped characters (\{ \% \$)
        const next = tex[i + 1] ?? '';
        out += ',;: '.includes(next) ? ' ' : next === '!' ? '' : next;
        i += 2;
        continue;
      }
      i += name.length + 1;
      if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
        const top = argument(tex, i);
        const bottom = argument(tex, top.end);
        out += `${grouped(texAsText(top.text))}/${grouped(texAsText(bottom.text))}`;
        i = bottom.end;
      } else if (name === 'sqrt') {
        let degree = '';
        if (tex[i] === '[') {
          const close = tex.indexOf(']', i);
          degree = close > 0 ? tex.slice(i + 1, close) : '';
          i = close > 0 ? close + 1 : i;
        }
        const arg = argument(tex, i);
        out += `${degree ? script(texAsText(degree), SUPERSCRIPT, '^') : ''}√${grouped(texAsText(arg.text))}`;
        i = arg.end;
      } else if (name === 'left' || name === 'right' || name === 'big' || name === 'Big' || name === 'displaystyle') {
        // sizing only
      } else if (name in SYMBOLS) {
        out += SYMBOLS[name];
      } else if (/^(text|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|operatorname|boldsymbol|textbf|textit|emph|vec|hat|bar|overline)$/.test(name)) {
        const arg = argument(tex, i);
        out += texAsText(arg.text);
        i = arg.end;
      } else {
        out += name; // \sin, \log, \max and the rest read as their names
      }
    } else if (c === '^' || c === '_') {
      const arg = argument(tex, i + 1);
      out += script(texAsText(arg.text), c === '^' ? SUPERSCRIPT : SUBSCRIPT, c);
      i = arg.end;
    } else if (c === '{' || c === '}') {
      i++;
    } else if (c === '&') {
      out += ' ';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/\s+/g, ' ').replace(/([([]) | ([)\]])/g, '$1$2').trim();
}

/**
 * Text with its math written as plain text (`What is $\frac{a}{b}$?` -> `What is a/b?`), by the same reading of `$`,
 * `$$`, `\(` and `\[` as replies (dollar amounts stay as written). For conversation titles: the list never loads KaTeX.
 */
export function withPlainMath(text: string): string {
  if (!mayHaveMath(text)) return text;
  return toRemarkMath(text)
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => texAsText(tex))
    .replace(/\s+/g, ' ')
    .trim();
}
