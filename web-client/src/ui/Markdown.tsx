import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import ReactMarkdown from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import type { PluggableList } from 'unified';
import { Check, Copy } from 'lucide-react';
import { needsMath, toRemarkMath } from './math';

type MathPlugins = { remarkPlugins: PluggableList; rehypePlugins: PluggableList };
let mathPlugins: MathPlugins | null = null;
let mathLoading: Promise<MathPlugins> | null = null;
/** remark-math + rehype-katex (and KaTeX's CSS), fetched the first time a reply needs them. */
export function loadMath(): Promise<MathPlugins> {
  mathLoading ??= import('./mathPlugins').then((m) => (mathPlugins = m));
  return mathLoading;
}

/** The math plugins once loaded (null until then, or when the text has no math). */
function useMath(needed: boolean): MathPlugins | null {
  const [plugins, setPlugins] = useState(mathPlugins);
  useEffect(() => {
    if (!needed || plugins) return;
    let live = true;
    void loadMath().then((p) => live && setPlugins(p));
    return () => {
      live = false;
    };
  }, [needed, plugins]);
  return needed ? plugins : null;
}

const REMARK: PluggableList = [remarkGfm];
const REHYPE: PluggableList = [[rehypeHighlight, { detect: false, ignoreMissing: true }]];

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        });
      }}
      className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-muted hover:bg-panel-2 hover:text-ink"
      aria-label={label}
    >
      {done ? <Check size={13} aria-hidden /> : <Copy size={13} aria-hidden />}
      {done ? 'Copied' : label === 'Copy' ? 'Copy' : null}
    </button>
  );
}

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node) return textOf((node.props as { children?: ReactNode }).children);
  return '';
}

/**
 * A reply rendered as markdown (GitHub's flavour: tables, strikethrough, task lists, bare links), code highlighted, each
 * code block with its own copy button. Links open in a new tab, so following one never leaves the studio. LaTeX
 * ($x$, $$x$$, \(x\), \[x\]) is typeset with KaTeX, loaded the first time a reply holds some; code is never math.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const source = useMemo(() => toRemarkMath(text), [text]);
  const math = useMath(useMemo(() => needsMath(source), [source]));
  const remarkPlugins = useMemo(() => (math ? [...REMARK, ...math.remarkPlugins] : REMARK), [math]);
  const rehypePlugins = useMemo(() => (math ? [...math.rehypePlugins, ...REHYPE] : REHYPE), [math]);
  return (
    <div className="prose-chat">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {children}
            </a>
          ),
          table: ({ children }) => (
            <div className="my-2 overflow-x-auto">
              <table>{children}</table>
            </div>
          ),
          pre: ({ children }) => {
            const code = textOf(children);
            const lang = /language-(\w+)/.exec(
              ((children as { props?: { className?: string } })?.props?.className as string) ?? '',
            )?.[1];
            return (
              <div className="my-2 overflow-hidden rounded-lg border border-line">
                <div className="flex items-center justify-between bg-panel-2 px-3 py-1 text-xs text-muted">
                  <span>{lang ?? 'code'}</span>
                  <CopyButton text={code} label="Copy code" />
                </div>
                <pre>{children}</pre>
              </div>
            );
          },
        }}
      >
        {math ? source : text}
      </ReactMarkdown>
    </div>
  );
});
