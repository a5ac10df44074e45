import { useEffect } from 'react';
import { useStudio } from '@/state/studio';

/**
 * The studio's page-wide keys: Ctrl/Cmd+Shift+O starts a new conversation and Shift+Esc goes to the message box, from
 * anywhere, also when the chat is not the panel shown (the Images panel, or on a phone another tab): `showChat` brings
 * it into view, then the chat panel takes the focus as it renders (`chatFocusRequest`).
 */
export function useStudioShortcuts(showChat: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const newConversation = (e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'o';
      const toMessageBox = e.shiftKey && e.key === 'Escape';
      if (!newConversation && !toMessageBox) return;
      e.preventDefault();
      const studio = useStudio.getState();
      if (newConversation) studio.setConversation(null);
      studio.setPanel('chat');
      showChat();
      studio.requestChatFocus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [showChat]);
}
