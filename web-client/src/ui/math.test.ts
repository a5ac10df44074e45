import { describe, expect, it } from 'vitest';
import { mayHaveMath, needsMath, texAsText, toRemarkMath, withPlainMath } from './math';

describe('LaTeX in a reply, rewritten for remark-math', () => {
  it('makesSingleDollarMathDoubleDollarInlineMath', () => {
    expect(toRemarkMath('Energy is $E = mc^2$, and $x$ too.')).toBe('Energy is $$E = mc^2$$, and $$x$$ too.');
    expect(toRemarkMath('Greek: $\\alpha_1 + \\beta$.')).toBe('Greek: $$\\alpha_1 + \\beta$$.');
  });

  it('leavesDollarAmountsAsText', () => {
    for (const text of ['It costs $5 and $10.', 'Between $5-$10 a month', 'Pay $3.50, or $ 4 later', 'US$5 and US$7', 'a \\$x\\$ escaped']) {
      expect(toRemarkMath(text)).toBe(text);
      expect(needsMath(toRemarkMath(text))).toBe(false);
    }
  });

  it('turnsParenthesesInlineAndBracketsIntoADisplayBlock', () => {
    expect(toRemarkMath('where \\(a^2 + b^2\\) holds')).toBe('where $$a^2 + b^2$$ holds');
    expect(toRemarkMath('The sum:\n\\[\n\\sum_{i=1}^n i\n\\]\nso.')).toBe('The sum:\n$$\n\\sum_{i=1}^n i\n$$\nso.');
    expect(toRemarkMath('  \\[ x^2 \\]')).toBe('  $$\n  x^2\n  $$\n');
  });

  it('makesADoubleDollarFormulaOnItsOwnLineADisplayBlock', () => {
    expect(toRemarkMath('Then\n$$\\frac{a}{b}$$\nends')).toBe('Then\n$$\n\\frac{a}{b}\n$$\nends');
    // already fenced: unchanged
    expect(toRemarkMath('$$\nx = 1\n$$')).toBe('$$\nx = 1\n$$');
    // inline double dollars in a sentence stay inline
    expect(toRemarkMath('so $$x$$ and $$y$$ here')).toBe('so $$x$$ and $$y$$ here');
  });

  it('neverTouchesCodeBlocksOrInlineCode', () => {
    const fenced = '```bash\necho "$HOME and $PATH"\nprice=$5$\n```\nand $x$';
    expect(toRemarkMath(fenced)).toBe('```bash\necho "$HOME and $PATH"\nprice=$5$\n```\nand $$x$$');
    expect(toRemarkMath('run `echo $a$` then \\(b\\)')).toBe('run `echo $a$` then $$b$$');
    expect(toRemarkMath('`\\(x\\)` and ``$y$``')).toBe('`\\(x\\)` and ``$y$``');
    // a fence still being streamed (not closed yet) is code to the end
    expect(toRemarkMath('```py\nx = "$a$"')).toBe('```py\nx = "$a$"');
    expect(needsMath(toRemarkMath('```\n$$\nx\n$$\n```'))).toBe(false);
  });

  it('looksForMathOnlyWhereItCouldBe', () => {
    expect(mayHaveMath('plain words')).toBe(false);
    expect(needsMath(toRemarkMath('plain $x$ words'))).toBe(true);
  });
});

describe('math as plain text (conversation titles)', () => {
  it('readsFormulasAsTextAndLeavesDollarAmountsAlone', () => {
    expect(withPlainMath('What is $\\frac{a}{b}$ when b = 2?')).toBe('What is a/b when b = 2?');
    expect(withPlainMath('Prove $e^{i\\pi} + 1 = 0$')).toBe('Prove e^(iπ) + 1 = 0');
    expect(withPlainMath('\\(a^2+b^2=c^2\\) again')).toBe('a²+b²=c² again');
    expect(withPlainMath('Solve $$\\int_0^1 x^{2}\\,dx$$ now')).toBe('Solve ∫₀¹ x² dx now');
    expect(withPlainMath('$\\sqrt{x+1} \\leq \\frac{n(n+1)}{2}$')).toBe('√(x+1) ≤ (n(n+1))/2');
    expect(withPlainMath('\\[\\left( \\frac{1}{2} \\right)^n\\]')).toBe('(1/2)ⁿ');
    expect(withPlainMath('$\\text{speed} = \\frac{d}{t}$')).toBe('speed = d/t');
    expect(withPlainMath('costs $5 and $10')).toBe('costs $5 and $10');
    expect(withPlainMath('Use `$HOME$` here')).toBe('Use `$HOME$` here');
    expect(withPlainMath('no math at all')).toBe('no math at all');
  });

  it('texAsTextKeepsWhatItDoesNotKnowReadable', () => {
    expect(texAsText('\\sin x + \\log_{10} y')).toBe('sin x + log₁₀ y');
    expect(texAsText('x_{ij}')).toBe('x_(ij)');
    expect(texAsText('\\frac{1}{')).toBe('1/');
  });
});
