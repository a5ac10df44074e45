import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Box, Image as ImageIcon, LogOut, MessagesSquare, PanelsTopLeft } from 'lucide-react';
import clsx from 'clsx';
import { authApi, type User } from '@/api/auth';
import { keys, useChatModels, useConversationModel, useImageEvents, useImages } from '@/api/hooks';
import { useStudio, type Panel } from '@/state/studio';
import { ChatPanel } from '@/ui/ChatPanel';
import { ConversationList } from '@/ui/ConversationList';
import { FlatRoom } from '@/ui/FlatRoom';
import { ImagesPanel } from '@/ui/ImagesPanel';
import { Lightbox } from '@/ui/Lightbox';
import { defaultModel } from '@/ui/ModelPicker';
import { Button } from '@/ui/primitives';
import { hasWebGL, prefersReducedMotion } from '@/ui/capabilities';

// three.js, fiber and drei load only when the room is shown, so the first paint does not wait for them.
const StudioScene = lazy(() => import('@/scene/StudioScene'));

type MobileTab = Panel | 'conversations';

export function StudioPage({ user }: { user: User }) {
  const client = useQueryClient();
  const models = useChatModels();
  const images = useImages();
  useImageEvents(true);
  const panel = useStudio((s) => s.panel);
  const setPanel = useStudio((s) => s.setPanel);
  const prefer2d = useStudio((s) => s.prefer2d);
  const setPrefer2d = useStudio((s) => s.setPrefer2d);
  const chatModel = useStudio((s) => s.chatModel);
  const setChatModel = useStudio((s) => s.setChatModel);
  const openImage = useStudio((s) => s.openImage);
  const conversationId = useStudio((s) => s.conversationId);
  const conversationModel = useConversationModel(conversationId);
  const [mobileTab, setMobileTab] = useState<MobileTab>(panel);
  const webgl = useMemo(() => hasWebGL(), []);
  const reduced = useMemo(() => prefersReducedMotion(), []);
  const use3d = webgl && !reduced && !prefer2d;

  const modelList = useMemo(() => models.data ?? [], [models.data]);
  const selectedModel = chatModel ?? conversationModel.data ?? defaultModel(modelList);
  const jobs = useMemo(() => images.data?.items ?? [], [images.data]);
  const pickModel = useCallback(
    (id: string) => {
      setChatModel(id);
      setPanel('chat');
      setMobileTab('chat');
    },
    [setChatModel, setPanel],
  );

  async function signOut() {
    try {
      await authApi.logout();
    } finally {
      // Keep the `me` query (the app watches it) and drop everything that belonged to this person.
      client.setQueryData(keys.me, null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    }
  }

  // Stable props: the scene re-renders (and draws a frame) only when what it shows changes.
  const roomProps = useMemo(
    () => ({ models: modelList, selectedModel, onPickModel: pickModel, images: jobs, onOpenImage: openImage }),
    [modelList, selectedModel, pickModel, jobs, openImage],
  );
  const showTab = (t: MobileTab) => {
    setMobileTab(t);
    if (t !== 'conversations') setPanel(t);
  };

  return (
    <div className="flex h-full flex-col">
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line bg-panel px-3">
        <img src="/favicon.svg" alt="" className="h-6 w-6" />
        <h1 className="text-sm font-semibold tracking-wide">AI Studio 3D</h1>
        <div className="ml-auto flex items-center gap-1">
          <Button
            variant="ghost"
            size="sm"
            onClick={() => setPrefer2d(!prefer2d)}
            aria-pressed={!use3d}
            disabled={!webgl || reduced}
            title={!webgl ? 'WebGL is not available: 2D layout' : reduced ? 'Reduced motion: 2D layout' : undefined}
          >
            {use3d ? <PanelsTopLeft size={15} aria-hidden /> : <Box size={15} aria-hidden />}
            <span className="hidden sm:inline">{use3d ? '2D layout' : '3D room'}</span>
          </Button>
          <span className="hidden px-2 text-sm text-muted sm:inline" aria-label="Signed in as">
            {user.username}
          </span>
          <Button variant="ghost" size="sm" onClick={() => void signOut()}>
            <LogOut size={15} aria-hidden /> Sign out
          </Button>
        </div>
      </header>

      {/* phone: tabs choose one column */}
      <nav aria-label="Sections" className="flex border-b border-line bg-panel lg:hidden">
        {(
          [
            ['conversations', 'Chats'],
            ['chat', 'Chat'],
            ['images', 'Images'],
          ] as const
        ).map(([t, label]) => (
          <button
            key={t}
            type="button"
            onClick={() => showTab(t)}
            aria-current={mobileTab === t ? 'page' : undefined}
            className={clsx('flex-1 py-2 text-sm', mobileTab === t ? 'border-b-2 border-accent text-ink' : 'text-muted')}
          >
            {label}
          </button>
        ))}
      </nav>

      <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)] grid-rows-[38vh_minmax(0,1fr)] lg:grid-cols-[16rem_minmax(0,1fr)_27rem] lg:grid-rows-1">
        <aside className={clsx('min-h-0 border-r border-line bg-panel', mobileTab === 'conversations' ? 'row-start-2 block' : 'hidden', 'lg:row-start-1 lg:block')}>
          <ConversationList />
        </aside>

        <main className="relative row-start-1 min-h-0 min-w-0 lg:col-start-2" aria-label="Studio room">
          {use3d ? (
            <Suspense fallback={<div className="grid h-full place-items-center text-sm text-muted" role="status">Setting up the room…</div>}>
              <StudioScene {...roomProps} />
            </Suspense>
          ) : (
            <FlatRoom {...roomProps} />
          )}
          {use3d && (
            <p className="pointer-events-none absolute bottom-3 left-1/2 hidden -translate-x-1/2 rounded-full bg-black/45 px-3 py-1 text-xs text-muted sm:block">
              Drag to look around · click a model to chat with it · click a picture to open it
            </p>
          )}
        </main>

        <aside
          className={clsx(
            'row-start-2 min-h-0 flex-col border-line bg-panel lg:col-start-3 lg:row-start-1 lg:flex lg:border-l',
            mobileTab === 'conversations' ? 'hidden' : 'flex',
          )}
        >
          <div role="tablist" aria-label="Panel" className="hidden shrink-0 border-b border-line lg:flex">
            {(
              [
                ['chat', 'Chat', MessagesSquare],
                ['images', 'Images', ImageIcon],
              ] as const
            ).map(([t, label, Icon]) => (
              <button
                key={t}
                role="tab"
                type="button"
                aria-selected={panel === t}
                onClick={() => showTab(t)}
                className={clsx('flex flex-1 items-center justify-center gap-1.5 py-2.5 text-sm', panel === t ? 'border-b-2 border-accent text-ink' : 'text-muted hover:text-ink')}
              >
                <Icon size={15} aria-hidden /> {label}
              </button>
            ))}
          </div>
          <div className="min-h-0 flex-1">{panel === 'chat' ? <ChatPanel models={modelList} /> : <ImagesPanel />}</div>
        </aside>
      </div>
      <Lightbox />
    </div>
  );
}
