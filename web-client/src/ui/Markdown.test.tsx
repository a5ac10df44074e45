import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
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
});
