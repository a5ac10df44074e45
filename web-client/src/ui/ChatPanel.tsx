import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, ArrowDown, ChevronLeft, ChevronRight, Pencil, RotateCcw, Send, Settings2, Square } from 'lucide-react';
import { chatApi, titleFrom, type ChatMessage, type ChatModel } from '@/api/chat';
import { describeError, describeProblem } from '@/api/errors';
import { keys, useChatModels, useConversation } from '@/api/hooks';
import { useReplies } from '@/api/reply';
import { useStudio } from '@/state/studio';
import { Badge, Button, Textarea } from './primitives';
import { CopyButton, Markdown } from './Markdown';
import { ModelPicker, defaultModel } from './ModelPicker';
import { ConversationSettings } from './ConversationSettings';
import { LoadProblem } from './LoadProblem';
import { withPlainMath } from './math';
import { useMediaQuery } from './capabilities';

/** How close (px) to the end of the log still counts as reading the end. */
const END_SLACK = 48;

/** Starting points for an empty conversation: a click puts one in the message box, to send as it is or edit first. */
const SUGGESTIONS = [
  'Explain how a diffusion model turns noise into a picture',
  'Write a TypeScript function that groups a list by a key',
  'Suggest three names for a café in an old lighthouse',
];

export function ChatPanel({ models }: { models: ChatModel[] }) {
  const client = useQueryClient();
  const conversationId = useStudio((s) => s.conversationId);
  const setConversation = useStudio((s) => s.setConversation);
  const chatModel = useStudio((s) => s.chatModel);
  const setChatModel = useStudio((s) => s.setChatModel);
  const draft = useStudio((s) => s.chatDraft);
  const setDraft = useStudio((s) => s.setChatDraft);
  const conversation = useConversation(conversationId);
  // The tab (and the window list, history, a screen reader's page title) names the conversation, as chat apps do.
  const title = conversationId ? conversation.data?.title : null;
  useEffect(() => {
    document.title = title ? `${withPlainMath(title)} · AI Studio 3D` : 'AI Studio 3D';
  }, [title]);
  useEffect(() => () => void (document.title = 'AI Studio 3D'), []);
  // The catalog the page passes in; read here too for its state, so a failed read is shown with a way to try again.
  const catalog = useChatModels();
  // On a touch screen (a coarse pointer: an on-screen keyboard) Enter is a new line and Send is the button, as in
  // chat-ui, Open WebUI and ChatGPT on phones; a hardware keyboard keeps Enter to send, Shift+Enter for a new line.
  const touch = useMediaQuery('(pointer: coarse)');
  // The keys' hint fits the box's two lines only from 640 px (the phone's 16 px text would cut it off).
  const roomy = useMediaQuery('(min-width: 40rem)');
  const replies = useReplies(conversationId);
  const [error, setError] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  // The message being edited (its id), so the keyboard can start editing the last one.
  const [editingId, setEditingId] = useState<string | null>(null);

  const model = chatModel ?? conversation.data?.model ?? defaultModel(models);
  const messages = conversation.data?.messages ?? [];
  const streaming = replies.streamingId !== null || messages.at(-1)?.status === 'streaming';
  const lastText = messages.at(-1)?.content;

  // The log follows a reply as it streams only while the reader is at its end: scrolled up to read, they stay put (a
  // "Latest" button brings them back). Sending, or opening another conversation, goes to the end again.
  const following = useRef(true);
  const [awayFromEnd, setAwayFromEnd] = useState(false);
  const toEnd = () => {
    const el = logRef.current;
    following.current = true;
    setAwayFromEnd(false);
    if (el) el.scrollTop = el.scrollHeight;
  };
  useEffect(() => {
    const el = logRef.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, lastText]);
  // A message that grows without new text (the finished reply's footer and actions, typeset math, highlighted code)
  // is followed too, so the end of the log stays in view.
  useEffect(() => {
    const el = logRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (following.current) el.scrollTop = el.scrollHeight;
    });
    for (const child of el.children) observer.observe(child);
    return () => observer.disconnect();
  }, [messages.length]);
  useEffect(() => {
    following.current = true;
    setAwayFromEnd(false);
  }, [conversationId]);
  const onLogScroll = () => {
    const el = logRef.current;
    if (!el) return;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < END_SLACK;
    following.current = atEnd;
    setAwayFromEnd(!atEnd);
  };

  useEffect(() => {
    if (conversation.error) setConversation(null);
  }, [conversation.error, setConversation]);

  async function send() {
    const content = draft.trim();
    if (!content || streaming) return;
    setError(null);
    try {
      let id = conversationId;
      if (!id) {
        const created = await chatApi.create({ model: model ?? undefined, title: titleFrom(content) });
        client.setQueryData(keys.conversation(created.id), { ...created, messages: [] });
        setConversation(created.id);
        id = created.id;
      }
      setDraft('');
      toEnd();
      // Refused before the reply began (e.g. the session ended): give the text back, nothing typed is lost.
      const began = await replies.send(id, content, { model: model ?? undefined });
      if (!began && !useStudio.getState().chatDraft) setDraft(content);
    } catch (e) {
      setError(describeError(e));
    }
  }

  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' && !e.shiftKey && !touch) {
      e.preventDefault();
      void send();
    } else if (e.key === 'Escape' && streaming && conversationId) {
      // Esc stops the reply being written (as the Stop button).
      e.preventDefault();
      void replies.stop(conversationId);
    } else if (e.key === 'ArrowUp' && !draft && !streaming) {
      // Up in an empty box edits the last message sent.
      const last = [...messages].reverse().find((m) => m.role === 'user');
      if (last) {
        e.preventDefault();
        setEditingId(last.id);
      }
    }
  }

  // The page's shortcuts (ui/shortcuts.ts: Shift+Esc, Ctrl/Cmd+Shift+O) and the skip link ask for the message box; the
  // panel may only just have been shown or mounted for it.
  const focusRequest = useStudio((s) => s.chatFocusRequest);
  useEffect(() => {
    if (!focusRequest) return;
    inputRef.current?.focus();
    useStudio.getState().chatFocusDone();
  }, [focusRequest]);

  async function switchSibling(message: ChatMessage, delta: number) {
    const ids = message.siblingIds ?? [];
    const target = ids[ids.indexOf(message.id) + delta];
    if (!target || !conversationId) return;
    try {
      await chatApi.update(conversationId, { currentLeafId: target });
      await client.invalidateQueries({ queryKey: keys.conversation(conversationId) });
    } catch (e) {
      setError(describeError(e));
    }
  }

  const shownError = error ?? replies.error;

  return (
    <section aria-label="Chat" className="flex h-full min-h-0 flex-col">
      <header className="flex items-end gap-2 border-b border-line px-3 py-2">
        <ModelPicker
          models={models}
          value={model}
          onChange={(id) => {
            setChatModel(id);
            if (conversationId) void chatApi.update(conversationId, { model: id }).catch(() => undefined);
          }}
        />
        <Button
          variant="ghost"
          size="icon"
          aria-label="Conversation settings (system prompt, sampling)"
          title="System prompt and sampling"
          disabled={!conversationId}
          onClick={() => setSettingsOpen(true)}
        >
          <Settings2 size={16} aria-hidden />
        </Button>
      </header>
      {catalog.isError && models.length === 0 && (
        <LoadProblem className="border-b border-line px-3 py-2" what="The models" error={catalog.error} onRetry={() => void catalog.refetch()} retrying={catalog.isFetching} />
      )}

      <div
        ref={logRef}
        role="log"
        aria-live="polite"
        aria-label="Conversation messages"
        aria-busy={streaming}
        onScroll={onLogScroll}
        className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-4"
      >
        {messages.length === 0 && (
          <div className="mt-10 text-center text-sm text-muted">
            <p className="text-base text-ink">Ask anything.</p>
            <p>Pick a model above, or click one of the objects in the room.</p>
            <ul aria-label="Suggestions" className="mx-auto mt-6 flex max-w-sm flex-col gap-2">
              {SUGGESTIONS.map((text) => (
                <li key={text}>
                  <Button
                    type="button"
                    variant="outline"
                    size="sm"
                    className="h-auto w-full justify-start whitespace-normal py-2 text-left"
                    onClick={() => {
                      setDraft(text);
                      inputRef.current?.focus();
                    }}
                  >
                    {text}
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {messages.map((m, i) => (
          <MessageView
            key={m.id}
            message={m}
            isLast={i === messages.length - 1}
            busy={streaming}
            onSibling={(d) => void switchSibling(m, d)}
            onRegenerate={() => conversationId && void replies.regenerate(conversationId, m.id, model ?? undefined)}
            onEdit={(text) => conversationId && void replies.send(conversationId, text, { editOf: m.id, model: model ?? undefined })}
            editing={editingId === m.id}
            onEditing={(on) => {
              setEditingId(on ? m.id : null);
              if (!on) inputRef.current?.focus();
            }}
            modelName={models.find((x) => x.id === m.model)?.name}
            touch={touch}
          />
        ))}
      </div>

      {awayFromEnd && messages.length > 0 && (
        <div className="relative h-0">
          <Button
            variant="outline"
            size="sm"
            className="absolute bottom-2 left-1/2 -translate-x-1/2 bg-panel shadow-lg"
            onClick={toEnd}
            aria-label="Scroll to the latest message"
          >
            <ArrowDown size={14} aria-hidden /> Latest
          </Button>
        </div>
      )}

      {shownError && (
        <p role="alert" className="mx-3 mb-2 rounded-lg bg-red-400/10 px-3 py-2 text-sm text-red-300">
          {shownError}
        </p>
      )}

      <form
        className="flex items-end gap-2 border-t border-line p-3"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor="chat-input" className="sr-only">
          Message
        </label>
        <Textarea
          id="chat-input"
          ref={inputRef}
          rows={2}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          placeholder={touch || !roomy ? 'Write a message' : 'Write a message (Enter sends, Shift+Enter for a new line)'}
          className="max-h-40"
        />
        {streaming ? (
          <Button
            type="button"
            variant="outline"
            onClick={() => conversationId && void replies.stop(conversationId)}
            aria-label="Stop the reply"
            title="Stop the reply (Esc)"
          >
            <Square size={14} aria-hidden /> Stop
          </Button>
        ) : (
          <Button type="submit" disabled={!draft.trim() || !model} aria-label="Send">
            <Send size={14} aria-hidden /> Send
          </Button>
        )}
      </form>

      {conversation.data && (
        <ConversationSettings conversation={conversation.data} open={settingsOpen} onOpenChange={setSettingsOpen} />
      )}
    </section>
  );
}

const STATUS_NOTE: Record<string, { label: string; tone: 'warn' | 'danger' | 'muted' }> = {
  stopped: { label: 'Stopped', tone: 'warn' },
  interrupted: { label: 'Interrupted', tone: 'warn' },
  failed: { label: 'Failed', tone: 'danger' },
};

function MessageView({
  message,
  isLast,
  busy,
  onSibling,
  onRegenerate,
  onEdit,
  modelName,
  editing,
  onEditing,
  touch,
}: {
  message: ChatMessage;
  isLast: boolean;
  busy: boolean;
  onSibling: (delta: number) => void;
  onRegenerate: () => void;
  onEdit: (text: string) => void;
  /** The catalog's name for the reply's model (the id is shown when the catalog no longer lists it). */
  modelName?: string;
  editing: boolean;
  onEditing: (on: boolean) => void;
  /** Enter is a new line (an on-screen keyboard); "Send edited" sends. */
  touch: boolean;
}) {
  const setEditing = onEditing;
  const [text, setText] = useState(message.content);
  // Editing starts with the message's text (also when started from the keyboard).
  useEffect(() => {
    if (editing) setText(message.content);
  }, [editing, message.content]);
  const siblings = message.siblingIds ?? [];
  const index = siblings.indexOf(message.id);
  const note = message.status ? STATUS_NOTE[message.status] : undefined;
  const user = message.role === 'user';
  const stats = user ? null : replyStats(message);

  return (
    <article
      aria-label={user ? 'You' : `Reply${message.model ? ` from ${message.model}` : ''}`}
      data-role={message.role}
      data-status={message.status}
      className={user ? 'ml-8 flex flex-col items-end' : 'mr-4'}
    >
      {editing ? (
        <form
          className="w-full space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            setEditing(false);
            onEdit(text);
          }}
        >
          <label className="sr-only" htmlFor={`edit-${message.id}`}>
            Edit message
          </label>
          <Textarea
            id={`edit-${message.id}`}
            rows={3}
            value={text}
            autoFocus
            onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                setEditing(false);
              } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && !touch) {
                // As in the message box: Enter sends, Shift+Enter is a new line.
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <div className="flex justify-end gap-2">
            <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button type="submit" size="sm" disabled={!text.trim() || busy}>
              Send edited
            </Button>
          </div>
        </form>
      ) : (
        <div
          className={
            user
              ? 'max-w-full rounded-2xl rounded-br-md bg-sky-300/12 px-3.5 py-2 text-sm whitespace-pre-wrap [overflow-wrap:anywhere]'
              : 'text-sm text-ink'
          }
        >
          {user ? message.content : <Markdown text={message.content || (message.status === 'streaming' ? '…' : '')} />}
        </div>
      )}
      {!user && message.error && (
        <p className="mt-2 flex items-start gap-2 rounded-lg border border-red-400/25 bg-red-400/10 px-3 py-2 text-sm text-red-200" data-testid="reply-error">
          <AlertTriangle size={15} className="mt-0.5 shrink-0" aria-hidden />
          <span>{describeProblem(message.error)}</span>
        </p>
      )}
      <div className="mt-1 flex flex-wrap items-center gap-1 text-xs text-muted">
        {siblings.length > 1 && (
          <span className="inline-flex items-center" aria-label="Versions">
            <button type="button" className="rounded p-0.5 hover:bg-panel-2 disabled:opacity-40" disabled={index <= 0 || busy} onClick={() => onSibling(-1)} aria-label="Previous version">
              <ChevronLeft size={14} aria-hidden />
            </button>
            <span>
              {index + 1}/{siblings.length}
            </span>
            <button type="button" className="rounded p-0.5 hover:bg-panel-2 disabled:opacity-40" disabled={index >= siblings.length - 1 || busy} onClick={() => onSibling(1)} aria-label="Next version">
              <ChevronRight size={14} aria-hidden />
            </button>
          </span>
        )}
        {note && <Badge tone={note.tone}>{note.label}</Badge>}
        {message.status === 'streaming' && <span className="animate-pulse">writing…</span>}
        {!user && message.model && (
          <span className="opacity-70" title={message.model}>
            {modelName ?? message.model}
          </span>
        )}
        {stats && (
          <span className="opacity-70" title={replyStatsDetail(message)} data-testid="reply-stats">
            · {stats}
          </span>
        )}
        {message.content && !editing && <CopyButton text={message.content} label={user ? 'Copy message' : 'Copy reply'} />}
        {user && !busy && !editing && (
          <button type="button" onClick={() => setEditing(true)} className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 hover:bg-panel-2 hover:text-ink" aria-label="Edit and resend">
            <Pencil size={12} aria-hidden /> Edit
          </button>
        )}
        {!user && isLast && !busy && (
          <button type="button" onClick={onRegenerate} className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 hover:bg-panel-2 hover:text-ink" aria-label="Regenerate reply">
            <RotateCcw size={12} aria-hidden /> Regenerate
          </button>
        )}
      </div>
    </article>
  );
}

/** A finished reply's size and speed as the server measured them, e.g. "128 tokens · 41.3 tok/s"; null while unknown. */
export function replyStats(message: Pick<ChatMessage, 'status' | 'usage' | 'timings'>): string | null {
  if (message.status === 'streaming') return null;
  const tokens = message.usage?.completionTokens;
  const speed = message.timings?.tokensPerSecond;
  const parts: string[] = [];
  if (tokens != null) parts.push(`${tokens} token${tokens === 1 ? '' : 's'}`);
  if (speed != null && Number.isFinite(speed)) parts.push(`${speed.toFixed(1)} tok/s`);
  return parts.length ? parts.join(' · ') : null;
}

/** The tooltip: the time to the first token and the whole reply's time, where known. */
function replyStatsDetail(message: Pick<ChatMessage, 'usage' | 'timings'>): string {
  const t = message.timings;
  const parts: string[] = [];
  if (t?.ttftMs != null) parts.push(`first token after ${seconds(t.ttftMs)}`);
  if (t?.durationMs != null) parts.push(`whole reply ${seconds(t.durationMs)}`);
  if (message.usage?.promptTokens != null) parts.push(`${message.usage.promptTokens} tokens of context`);
  return parts.join(' · ');
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
