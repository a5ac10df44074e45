import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';
import type { RoomObject } from './room';

export type Panel = 'chat' | 'images';

interface StudioState {
  /** The conversation shown; null = a new one is started on the first message. */
  conversationId: string | null;
  chatModel: string | null;
  panel: Panel;
  /** 2D layout forced by the person (3D is used when WebGL works and motion is welcome). */
  prefer2d: boolean;
  /** Text typed but not sent; kept across a session ending and a reload. */
  chatDraft: string;
  imagePrompt: string;
  sessionEnded: boolean;
  openImageId: string | null;
  /** The room object a keyboard user is on (highlighted in the scene, the camera turns to it). */
  focusedObject: RoomObject | null;
  /** The room object under the pointer (highlighted in the object list too). */
  hoveredObject: RoomObject | null;
  setConversation: (id: string | null) => void;
  setChatModel: (id: string | null) => void;
  setPanel: (panel: Panel) => void;
  setPrefer2d: (v: boolean) => void;
  setChatDraft: (v: string) => void;
  setImagePrompt: (v: string) => void;
  setSessionEnded: (v: boolean) => void;
  openImage: (id: string | null) => void;
  setFocusedObject: (o: RoomObject | null) => void;
  setHoveredObject: (o: RoomObject | null) => void;
  /** Asks the chat panel to put the cursor in its message box once it is shown (a count; 0 = nothing asked). */
  chatFocusRequest: number;
  requestChatFocus: () => void;
  chatFocusDone: () => void;
  /** Drops what belonged to the person signed in before (open conversation, drafts, chosen model, open picture). */
  forgetPerson: () => void;
}

export const useStudio = create<StudioState>()(
  persist(
    (set) => ({
      conversationId: null,
      chatModel: null,
      panel: 'chat',
      prefer2d: false,
      chatDraft: '',
      imagePrompt: '',
      sessionEnded: false,
      openImageId: null,
      focusedObject: null,
      hoveredObject: null,
      setConversation: (conversationId) => set({ conversationId }),
      setChatModel: (chatModel) => set({ chatModel }),
      setPanel: (panel) => set({ panel }),
      setPrefer2d: (prefer2d) => set({ prefer2d }),
      setChatDraft: (chatDraft) => set({ chatDraft }),
      setImagePrompt: (imagePrompt) => set({ imagePrompt }),
      setSessionEnded: (sessionEnded) => set({ sessionEnded }),
      openImage: (openImageId) => set({ openImageId }),
      setFocusedObject: (focusedObject) => set({ focusedObject }),
      setHoveredObject: (hoveredObject) => set({ hoveredObject }),
      chatFocusRequest: 0,
      requestChatFocus: () => set((s) => ({ chatFocusRequest: s.chatFocusRequest + 1 })),
      chatFocusDone: () => set({ chatFocusRequest: 0 }),
      forgetPerson: () =>
        set({ conversationId: null, chatModel: null, chatDraft: '', imagePrompt: '', openImageId: null, focusedObject: null, hoveredObject: null }),
    }),
    {
      name: 'studio-ui',
      storage: createJSONStorage(() => sessionStorage),
      partialize: (s) => ({
        conversationId: s.conversationId,
        chatModel: s.chatModel,
        panel: s.panel,
        prefer2d: s.prefer2d,
        chatDraft: s.chatDraft,
        imagePrompt: s.imagePrompt,
      }),
    },
  ),
);

interface LayoutState {
  /** On a narrow screen, the room folded away so the chat (or the list) has the height; kept across reloads. */
  roomFolded: boolean;
  setRoomFolded: (v: boolean) => void;
}

/** Layout choices that outlive the tab (localStorage), unlike the session's UI state above. */
export const useLayout = create<LayoutState>()(
  persist(
    (set) => ({
      roomFolded: false,
      setRoomFolded: (roomFolded) => set({ roomFolded }),
    }),
    { name: 'studio-layout', storage: createJSONStorage(() => localStorage), partialize: (s) => ({ roomFolded: s.roomFolded }) },
  ),
);
