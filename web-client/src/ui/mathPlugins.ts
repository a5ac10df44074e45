// Loaded only when a reply holds math (see Markdown.tsx): KaTeX and its fonts stay out of the initial bundle.
import 'katex/dist/katex.min.css';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import type { PluggableList } from 'unified';

/** `$$x$$` inline and `$$` fences only: single dollars were already read by `toRemarkMath` (amounts stay text). */
export const remarkPlugins: PluggableList = [[remarkMath, { singleDollarTextMath: false }]];
/** A formula KaTeX cannot read shows as its source in red, never breaks the reply. */
export const rehypePlugins: PluggableList = [[rehypeKatex, { throwOnError: false, strict: 'ignore' }]];
