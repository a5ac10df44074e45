import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { Markdown } from './Markdown';

describe('Markdown', () => {
  it('rendersGitHubFlavouredTablesStrikethroughAndTaskLists', () => {
    const text = ['| model | speed |', '| --- | ---: |', '| llama | 41 tok/s |', '', '~~old~~ new', '', '- [x] done', '- [ ] to do'].join('\n');
    const { container } = render(<Markdown text={text} />);
    const table = screen.getByRole('table');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['model', 'speed']);
    expect(table).toHaveTextContent('41 tok/s');
    expect(container.querySelector('del')).toHaveTextContent('old');
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([true, false]);
    expect(container.textContent).not.toContain('|');
  });

  it('opensLinksInANewTabSoTheStudioStaysOpen', () => {
    render(<Markdown text={'See [the docs](https://example.org/docs) or https://example.com.'} />);
    for (const link of screen.getAllByRole('link')) {
      expect(link).toHaveAttribute('target', '_blank');
      expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    }
    expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['https://example.org/docs', 'https://example.com']);
  });

  it('givesEachCodeBlockItsLanguageAndACopyButton', () => {
    render(<Markdown text={'```ts\nconst a = 1;\n```'} />);
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeInTheDocument();
    expect(screen.getByText('ts')).toBeInTheDocument();
  });

  it('typesetsInlineAndDisplayMathWithKatex', async () => {
    const { container } = render(<Markdown text={'Area is $\\pi r^2$ and\n\\[\\int_0^1 x\\,dx = \\tfrac12\\]\nthe end'} />);
    await waitFor(() => expect(container.querySelectorAll('.katex')).toHaveLength(2));
    expect(container.querySelectorAll('.katex-display')).toHaveLength(1);
    // The display block is a formula, not a code block with a copy button.
    expect(screen.queryByRole('button', { name: 'Copy code' })).toBeNull();
    // Drawn as a formula (the source is kept only in the MathML annotation, for screen readers and copying).
    expect(container.querySelector('.katex-html')?.textContent).not.toContain('\\pi');
    expect(container.querySelector('annotation')?.textContent).toBe('\\pi r^2');
  });

  it('keepsDollarAmountsAndCodeAsWritten', async () => {
    const { container } = render(<Markdown text={'It costs $5 and $10.\n\n`echo $a$`\n\n```sh\necho $HOME$\n```\n\nbut $x$ is math'} />);
    await waitFor(() => expect(container.querySelectorAll('.katex')).toHaveLength(1));
    expect(container.querySelector('p')).toHaveTextContent('It costs $5 and $10.');
    expect([...container.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['echo $a$', 'echo $HOME$\n']);
  });

  it('showsAFormulaKatexCannotReadAsItsSource', async () => {
    const { container } = render(<Markdown text={'bad: $\\frac{1}{$ then $x$'} />);
    await waitFor(() => expect(container.querySelector('.katex-error')).toHaveTextContent('\\frac{1}{'));
    expect(container.querySelectorAll('.katex')).toHaveLength(1);
    expect(container.querySelector('p')).toHaveTextContent(/^bad:/);
  });
});
