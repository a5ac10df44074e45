import { useLayoutEffect, useRef } from 'react';

/**
 * For a dialog opened from somewhere else than a Radix `Dialog.Trigger` (a header button, the gallery, the room):
 * Radix then has no trigger to give the focus back to and drops it on the page's body. This remembers what had the
 * focus as the dialog opened (a layout effect: before the dialog's focus scope takes it) and answers the dialog's
 * `onCloseAutoFocus`, which gives it back, as long as that element is still in the page.
 */
export function useReturnFocus(open: boolean): (event: Event) => void {
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open) opener.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  }, [open]);
  return (event) => {
    const el = opener.current;
    opener.current = null;
    if (el?.isConnected) {
      event.preventDefault();
      el.focus();
    }
  };
}
