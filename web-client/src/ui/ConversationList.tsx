import { Fragment, useDeferredValue, useEffect, useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Check, MessageSquarePlus, MoreHorizontal, Pencil, Search, Trash2, X } from 'lucide-react';
import clsx from 'clsx';
import { chatApi, type Conversation } from '@/api/chat';
import { describeError } from '@/api/errors';
import { useConversations } from '@/api/hooks';
import { useStudio } from '@/state/studio';
import { Button, Input } from './primitives';
import { LoadMore } from './LoadMore';
import { LoadProblem } from './LoadProblem';
import { withPlainMath } from './math';

export function ConversationList() {
  const [query, setQuery] = useState('');
  const q = useDeferredValue(query.trim());
  const list = useConversations(q);
  const current = useStudio((s) => s.conversationId);
  const setConversation = useStudio((s) => s.setConversation);
  const now = new Date();

  return (
    <nav aria-label="Conversations" className="flex h-full min-h-0 flex-col">
      <div className="space-y-2 p-3">
        <Button id="new-conversation" variant="outline" className="w-full" onClick={() => setConversation(null)} title="New conversation (Ctrl+Shift+O)">
          <MessageSquarePlus size={15} aria-hidden /> New conversation
        </Button>
        <div className="relative">
          <Search size={14} className="pointer-events-none absolute left-2.5 top-3 text-muted" aria-hidden />
          <label htmlFor="conversation-search" className="sr-only">
            Search conversations
          </label>
          <Input
            id="conversation-search"
            type="search"
            placeholder="Search chats"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="pl-8"
          />
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-3" data-testid="conversation-scroll">
        <ul className="space-y-0.5" aria-label="Conversation list">
          {list.isPending && <li className="px-2 py-1 text-sm text-muted">Loading…</li>}
          {list.isError && !list.items.length && (
            <li className="px-2 py-1">
              <LoadProblem what="Conversations" error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
            </li>
          )}
          {list.isSuccess && list.items.length === 0 && (
            <li className="px-2 py-1 text-sm text-muted">{q ? 'Nothing matches.' : 'No conversations yet.'}</li>
          )}
          {list.items.map((c, i) => {
            // The list is newest first (by last change): a heading where the period changes, as "Today", "Yesterday".
            const group = periodOf(c.updatedAt, now);
            const heading = group && group !== periodOf(list.items[i - 1]?.updatedAt, now) ? group : null;
            return (
              <Fragment key={c.id}>
                {heading && (
                  <li role="none" className="px-2.5 pb-1 pt-3 text-xs font-medium text-muted first:pt-1">
                    <h3>{heading}</h3>
                  </li>
                )}
                <ConversationItem conversation={c} active={c.id === current} onOpen={() => setConversation(c.id)} />
              </Fragment>
            );
          })}
        </ul>
        <div className="pt-1">
          <LoadMore
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
            label={q ? 'More matches' : 'Older conversations'}
          />
        </div>
      </div>
    </nav>
  );
}

function ConversationItem({ conversation, active, onOpen }: { conversation: Conversation; active: boolean; onOpen: () => void }) {
  const client = useQueryClient();
  const setConversation = useStudio((s) => s.setConversation);
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [title, setTitle] = useState(conversation.title ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [actionsOpen, setActionsOpen] = useState(false);
  const actionsId = useId();
  // The focus goes back to the title when a rename or a delete question ends (the form or the question that held it
  // is gone); after a delete it goes to the conversation beside, so a keyboard user is not dropped at the page's top.
  const titleRef = useRef<HTMLButtonElement>(null);
  const refocusTitle = useRef(false);
  const stopRenaming = () => {
    refocusTitle.current = true;
    setRenaming(false);
  };
  const stopConfirming = () => {
    refocusTitle.current = true;
    setConfirming(false);
  };
  useEffect(() => {
    if (renaming || confirming || !refocusTitle.current) return;
    refocusTitle.current = false;
    titleRef.current?.focus();
  }, [renaming, confirming]);
  // Titles are plain text here (the list never loads KaTeX): a title made from a message with LaTeX reads as `a/b`.
  const name = withPlainMath(conversation.title || '') || 'Untitled conversation';
  const refresh = () => client.invalidateQueries({ queryKey: ['chat', 'conversations'] });
  const failed = (err: unknown) => setProblem(describeError(err));

  if (renaming) {
    return (
      <li>
        <form
          className="flex items-center gap-1 px-1 py-1"
          onSubmit={(e) => {
            e.preventDefault();
            stopRenaming();
            setProblem(null);
            void chatApi.update(conversation.id, { title: title.trim() }).then(refresh, failed);
          }}
        >
          <label htmlFor={`rename-${conversation.id}`} className="sr-only">New title</label>
          <Input
            id={`rename-${conversation.id}`}
            autoFocus
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            onFocus={(e) => e.currentTarget.select()}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                stopRenaming();
              }
            }}
            className="h-8"
          />
          <Button size="icon" variant="ghost" type="submit" aria-label="Save title"><Check size={14} aria-hidden /></Button>
          <Button size="icon" variant="ghost" type="button" aria-label="Cancel rename" onClick={stopRenaming}><X size={14} aria-hidden /></Button>
        </form>
      </li>
    );
  }

  const remove = () => {
    setProblem(null);
    const next = neighbourTitle(titleRef.current);
    const row = titleRef.current?.closest('li');
    void chatApi.remove(conversation.id).then(
      async () => {
        if (active) setConversation(null);
        await refresh();
        // Unless the person has moved on meanwhile: the focus was in this row (which goes) or nowhere.
        const focus = document.activeElement;
        if (!focus || focus === document.body || row?.contains(focus)) (next ?? document.getElementById('new-conversation'))?.focus();
      },
      (err) => {
        stopConfirming();
        failed(err);
      },
    );
  };
  const startRenaming = () => {
    setTitle(conversation.title ?? '');
    setActionsOpen(false);
    setRenaming(true);
  };
  const askToDelete = () => {
    setActionsOpen(false);
    setConfirming(true);
  };

  return (
    <li
      className={clsx('group relative flex flex-wrap items-center rounded-lg', active ? 'bg-panel-2' : 'hover:bg-panel-2/60')}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && actionsOpen) setActionsOpen(false);
      }}
    >
      <button
        ref={titleRef}
        type="button"
        onClick={onOpen}
        aria-current={active ? 'true' : undefined}
        // With a hovering pointer the buttons cover the title's end when shown: the text makes room, so it ends in "…"
        // before them rather than cut under them.
        className="min-w-0 flex-1 truncate px-2.5 py-2 text-left text-sm group-hover:pr-[4.25rem] [@media(hover:hover)]:group-focus-within:pr-[4.25rem]"
        title={name}
      >
        {name}
      </button>
      {/* Touch (no hovering pointer): one compact button, which shows the actions on a line of their own under the
          title, so the title keeps the row. */}
      <Button
        size="icon"
        variant="ghost"
        className="mr-0.5 shrink-0 [@media(hover:hover)]:hidden"
        aria-label={`Actions for ${name}`}
        aria-expanded={actionsOpen}
        aria-controls={actionsId}
        onClick={() => setActionsOpen((open) => !open)}
      >
        <MoreHorizontal size={16} aria-hidden />
      </Button>
      {/* A hovering pointer: rename/delete show over the title's end when the row is pointed at or holds the focus (Tab
          from the title reaches them). */}
      {!confirming && (
        <span className="absolute right-0.5 top-0.5 hidden rounded-md bg-panel-2 [@media(hover:hover)]:group-focus-within:flex [@media(hover:hover)]:group-hover:flex">
          <Button size="icon" variant="ghost" aria-label={`Rename ${name}`} onClick={startRenaming}>
            <Pencil size={13} aria-hidden />
          </Button>
          <Button size="icon" variant="ghost" aria-label={`Delete ${name}`} onClick={askToDelete}>
            <Trash2 size={13} aria-hidden />
          </Button>
        </span>
      )}
      {actionsOpen && !confirming && (
        <div id={actionsId} className="flex w-full gap-2 px-2 pb-2 [@media(hover:hover)]:hidden">
          <Button size="sm" variant="outline" className="flex-1" onClick={startRenaming}>
            <Pencil size={13} aria-hidden /> Rename
          </Button>
          <Button size="sm" variant="danger" className="flex-1" onClick={askToDelete}>
            <Trash2 size={13} aria-hidden /> Delete
          </Button>
        </div>
      )}
      {confirming && (
        // Under the title, which stays whole: what is about to go is in view.
        <div className="flex w-full items-center gap-1.5 px-2.5 pb-2 text-xs text-muted" role="group" aria-label={`Delete ${name}?`}>
          <span className="mr-auto">Delete this conversation?</span>
          <Button
            size="sm"
            variant="danger"
            autoFocus
            onKeyDown={(e) => {
              if (e.key === 'Escape') stopConfirming();
            }}
            onClick={remove}
          >
            Delete
          </Button>
          <Button size="sm" variant="ghost" aria-label="Keep it" onClick={stopConfirming}>
            Keep
          </Button>
        </div>
      )}
      {problem && (
        <p role="alert" className="w-full px-2.5 pb-1.5 text-xs text-danger">
          {problem}
        </p>
      )}
    </li>
  );
}

/** The title of the conversation after this one in the list, else the one before (headings skipped); null if none. */
function neighbourTitle(title: HTMLElement | null): HTMLElement | null {
  const titles = [...(title?.closest('ul')?.querySelectorAll<HTMLElement>(':scope > li > button:first-child') ?? [])];
  const i = title ? titles.indexOf(title) : -1;
  return i < 0 ? null : (titles[i + 1] ?? titles[i - 1] ?? null);
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The period a conversation last changed in, as chat lists group them: Today, Yesterday, Previous 7 days, Previous 30
 * days, then the month ("March 2026"); null when the time is unknown.
 */
export function periodOf(updatedAt: string | undefined, now: Date): string | null {
  if (!updatedAt) return null;
  const t = new Date(updatedAt);
  if (Number.isNaN(t.getTime())) return null;
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const ms = t.getTime();
  if (ms >= startOfToday) return 'Today';
  if (ms >= startOfToday - DAY) return 'Yesterday';
  if (ms >= startOfToday - 7 * DAY) return 'Previous 7 days';
  if (ms >= startOfToday - 30 * DAY) return 'Previous 30 days';
  return t.toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
}
