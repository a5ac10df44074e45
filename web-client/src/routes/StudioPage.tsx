import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Box, Image as ImageIcon, LogOut, MessagesSquare, PanelsTopLeft, UserRound } from 'lucide-react';
import clsx from 'clsx';
import { authApi, type User } from '@/api/auth';
import { keys, useChatModels, useConversationModel, useImageEvents, useImages } from '@/api/hooks';
import { useLayout, useStudio, type Panel } from '@/state/studio';
import { AccountDialog } from '@/ui/AccountDialog';
import { ChatPanel } from '@/ui/ChatPanel';
import { ConversationList } from '@/ui/ConversationList';
import { FlatRoom } from '@/ui/FlatRoom';
import { ImagesPanel } from '@/ui/ImagesPanel';
import { Lightbox } from '@/ui/Lightbox';
import { defaultModel } from '@/ui/ModelPicker';
import { Button } from '@/ui/primitives';
import { markSoftwareRendering, prefersReducedMotion, useMediaQuery, webGLSupport } from '@/ui/capabilities';
import { RoomObjects } from '@/ui/RoomObjects';
import { RoomFold } from '@/ui/RoomFold';
import { hungPictures, wallPageCount, wantsOlderPictures } from '@/state/room';
import { ModelPager, PicturePager } from '@/ui/ModelPager';
import { modelsPerPage, picturePage, PICTURES_PER_WALL } from '@/scene/layout';
import { useElementSize } from '@/ui/capabilities';
import { useStudioShortcuts } from '@/ui/shortcuts';

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
  const focusedObject = useStudio((s) => s.focusedObject);
  const hoveredObject = useStudio((s) => s.hoveredObject);
  const setHoveredObject = useStudio((s) => s.setHoveredObject);
  const [mobileTab, setMobileTab] = useState<MobileTab>(panel);
  const gl = useMemo(() => webGLSupport(), []);
  const webgl = gl.available;
  useEffect(() => markSoftwareRendering(gl), [gl]);
  const reduced = useMemo(() => prefersReducedMotion(), []);
  const use3d = webgl && !reduced && !prefer2d;

  const modelList = useMemo(() => models.data ?? [], [models.data]);
  const selectedModel = chatModel ?? conversationModel.data ?? defaultModel(modelList);
  const pictures = useMemo(() => hungPictures(images.items), [images.items]);
  const wide = useMediaQuery('(min-width: 1024px)');
  // On wide screens the room fills the window and the panels float over it; on phones they stack.
  const overlay = use3d && wide;
  // On a narrow screen the room (the top 42 %) can be folded away for the chat. Folded, it stays mounted but hidden and
  // paused (no frames drawn): unfolding shows the same WebGL context at once, where mounting it again would cost the
  // room's whole start (context, shader programs, environment, atlas: seconds of main thread with software WebGL). A
  // room folded since the page loaded is not started until it is first shown.
  const folded = useLayout((s) => s.roomFolded) && !wide;
  const [roomStarted, setRoomStarted] = useState(!folded);
  useEffect(() => {
    if (!folded) setRoomStarted(true);
  }, [folded]);
  const insets = useMemo(() => (overlay ? { left: 264, right: 408 } : { left: 0, right: 0 }), [overlay]);
  // The room holds as many models as it can show readably in the part of the canvas the panels leave; more are paged.
  const roomRef = useRef<HTMLElement>(null);
  const roomSize = useElementSize(roomRef);
  const perPage = modelsPerPage({ height: roomSize.height || 1, freeWidth: roomSize.width - insets.left - insets.right });
  const [modelPage, setModelPage] = useState(0);
  const pageCount = Math.max(1, Math.ceil(modelList.length / perPage));
  const page = Math.min(modelPage, pageCount - 1);
  const modelsShown = useMemo(() => modelList.slice(page * perPage, (page + 1) * perPage), [modelList, page, perPage]);
  // A model reached in the object list (keyboard) is brought into the room.
  useEffect(() => {
    if (focusedObject?.kind !== 'model') return;
    const i = modelList.findIndex((m) => m.id === focusedObject.id);
    if (i >= 0) setModelPage(Math.floor(i / perPage));
  }, [focusedObject, modelList, perPage]);
  // The back wall shows a wall's worth of pictures at a time; a picture reached in the object list is brought onto it,
  // and a new picture (it hangs first) brings the first page back.
  const [wallPage, setWallPage] = useState(0);
  // The gallery loads 24 a page; older pages load as the wall's pages are turned (the one shown and the next are kept
  // loaded), so every picture is a page turn away however old it is.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = images;
  const morePictures = !!hasNextPage;
  const shownWallPage = Math.min(wallPage, wallPageCount(pictures.length, morePictures) - 1);
  const wantsOlder = wantsOlderPictures({ hung: pictures.length, wallPage: shownWallPage, galleryPages: images.data?.pages.length ?? 0 });
  useEffect(() => {
    if (use3d && wantsOlder && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [use3d, wantsOlder, hasNextPage, isFetchingNextPage, fetchNextPage]);
  useEffect(() => {
    if (focusedObject?.kind !== 'picture') return;
    const i = pictures.findIndex((p) => p.id === focusedObject.id);
    if (i >= 0) setWallPage(picturePage(i));
  }, [focusedObject, pictures]);
  const newest = pictures[0]?.id;
  useEffect(() => setWallPage(0), [newest]);
  const pickModel = useCallback(
    (id: string) => {
      setChatModel(id);
      setPanel('chat');
      setMobileTab('chat');
    },
    [setChatModel, setPanel],
  );

  const [accountOpen, setAccountOpen] = useState(false);

  async function signOut() {
    try {
      await authApi.logout();
    } finally {
      // Keep the `me` query (the app watches it) and drop everything that belonged to this person.
      client.setQueryData(keys.me, null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    }
  }

  // Stable props: the scene re-renders (and draws a frame) only when what it shows changes, not per streamed word.
  const roomProps = useMemo(
    () => ({
      models: modelsShown,
      selectedModel,
      onPickModel: pickModel,
      pictures,
      picturePage: shownWallPage,
      onOpenImage: openImage,
      focused: focusedObject,
      hovered: hoveredObject,
      onHover: setHoveredObject,
      insets,
    }),
    [modelsShown, selectedModel, pickModel, pictures, shownWallPage, openImage, focusedObject, hoveredObject, setHoveredObject, insets],
  );
  const showTab = (t: MobileTab) => {
    setMobileTab(t);
    if (t !== 'conversations') setPanel(t);
  };
  // Shift+Esc and Ctrl/Cmd+Shift+O reach the message box from any tab (on a phone the Chat tab may be hidden).
  const showChatTab = useCallback(() => setMobileTab('chat'), []);
  useStudioShortcuts(showChatTab);
  const requestChatFocus = useStudio((s) => s.requestChatFocus);

  // Floating glass panels over the room on wide screens; ordinary columns otherwise.
  const glass = 'glass lg:rounded-2xl lg:border lg:border-white/10 lg:bg-panel/75 lg:shadow-2xl lg:shadow-black/50 lg:backdrop-blur-xl';

  return (
    <div className="relative flex h-full flex-col overflow-hidden">
      {/* The first stop of Tab: straight to the message box (on a phone, the Chat tab is shown first). */}
      <a
        href="#chat-input"
        onClick={(e) => {
          e.preventDefault();
          showTab('chat');
          requestChatFocus();
        }}
        className="sr-only z-50 rounded-md bg-accent px-3 py-2 text-sm font-medium text-black focus:not-sr-only focus:absolute focus:left-3 focus:top-2"
      >
        Skip to the message box
      </a>
      <header
        className={clsx(
          'relative z-20 flex h-12 shrink-0 items-center gap-3 border-b px-3',
          overlay ? 'glass border-white/5 bg-panel/55 backdrop-blur-md' : 'border-line bg-panel',
        )}
      >
        <img src="/favicon.svg" alt="" className="h-6 w-6" />
        <h1 className="text-sm font-semibold tracking-wide">AI Studio 3D</h1>
        <div className="ml-auto flex items-center gap-1">
          <Button
            variant="ghost"
            size="sm"
            onClick={() => setPrefer2d(!prefer2d)}
            aria-pressed={!use3d}
            aria-label={use3d ? '2D layout' : '3D room'}
            disabled={!webgl || reduced}
            title={!webgl ? 'WebGL is not available: 2D layout' : reduced ? 'Reduced motion: 2D layout' : undefined}
          >
            {use3d ? <PanelsTopLeft size={15} aria-hidden /> : <Box size={15} aria-hidden />}
            <span className="hidden sm:inline">{use3d ? '2D layout' : '3D room'}</span>
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setAccountOpen(true)} aria-label={`Account: ${user.username}`} title="Account: password and sessions">
            <UserRound size={15} aria-hidden />
            <span className="hidden sm:inline">{user.username}</span>
          </Button>
          <Button variant="ghost" size="sm" onClick={() => void signOut()}>
            <LogOut size={15} aria-hidden /> Sign out
          </Button>
        </div>
      </header>
      <AccountDialog user={user} open={accountOpen} onOpenChange={setAccountOpen} />

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
        <RoomFold controls="studio-room" />
      </nav>

      <div
        className={clsx(
          'grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)]',
          folded ? 'grid-rows-[0px_minmax(0,1fr)]' : 'grid-rows-[42vh_minmax(0,1fr)]',
          overlay ? 'lg:absolute lg:inset-0 lg:block' : 'lg:grid-cols-[16rem_minmax(0,1fr)_27rem] lg:grid-rows-1',
        )}
      >
        <aside
          className={clsx(
            'min-h-0 bg-panel',
            mobileTab === 'conversations' ? 'row-start-2 block' : 'hidden',
            overlay
              ? `lg:absolute lg:bottom-3 lg:left-3 lg:top-[3.75rem] lg:z-10 lg:block lg:w-60 lg:overflow-hidden ${glass}`
              : 'border-r border-line lg:row-start-1 lg:block',
          )}
        >
          <ConversationList />
        </aside>

        {/* Folded, the room keeps its size out of the flow (so the canvas is not resized) and is hidden and inert. */}
        <main
          ref={roomRef}
          id="studio-room"
          className={clsx(
            'row-start-1 min-h-0 min-w-0',
            folded ? 'invisible absolute inset-x-0 top-0 h-[42vh]' : 'relative',
            overlay ? 'lg:absolute lg:inset-0' : 'lg:col-start-2',
          )}
          aria-label="Studio room"
          inert={folded}
          data-folded={folded || undefined}
        >
          {use3d ? (
            roomStarted && (
              <Suspense fallback={<div className="grid h-full place-items-center text-sm text-muted" role="status">Setting up the room…</div>}>
                <StudioScene {...roomProps} paused={folded} />
              </Suspense>
            )
          ) : (
            <FlatRoom models={modelList} selectedModel={selectedModel} onPickModel={pickModel} images={images.items} onOpenImage={openImage} />
          )}
          {use3d && (
            <div
              className="pointer-events-none absolute inset-x-2 bottom-2 z-[5] flex justify-center lg:bottom-4"
              style={overlay ? { left: insets.left, right: insets.right } : undefined}
            >
              <RoomObjects
                models={modelList}
                selectedModel={selectedModel}
                pictures={pictures}
                onPickModel={pickModel}
                onOpenImage={openImage}
              />
            </div>
          )}
          {/* after the object list in the tab order; shown above the room */}
          {use3d && (
            <div
              className="pointer-events-none absolute inset-x-2 top-2 z-[5] flex justify-center gap-2 lg:top-[3.75rem]"
              style={overlay ? { left: insets.left, right: insets.right } : undefined}
            >
              <ModelPager page={page} perPage={perPage} total={modelList.length} onPage={setModelPage} />
              <PicturePager page={shownWallPage} perPage={PICTURES_PER_WALL} total={pictures.length} more={morePictures} onPage={setWallPage} />
            </div>
          )}
        </main>

        <aside
          className={clsx(
            'row-start-2 min-h-0 flex-col bg-panel',
            mobileTab === 'conversations' ? 'hidden' : 'flex',
            overlay
              ? `lg:absolute lg:bottom-3 lg:right-3 lg:top-[3.75rem] lg:z-10 lg:flex lg:w-[24rem] lg:overflow-hidden ${glass}`
              : 'border-line lg:col-start-3 lg:row-start-1 lg:flex lg:border-l',
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
