import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RoomObjects } from './RoomObjects';
import { useStudio } from '@/state/studio';
import type { ChatModel } from '@/api/chat';
import type { ImageJob } from '@/api/images';

const models: ChatModel[] = [
  { id: 'llama', name: 'Llama 3.1 8B', family: 'llama', provider: 'huggingface', available: false, offline: false },
  { id: 'offline-echo', name: 'Offline echo (not AI)', family: 'offline', provider: 'offline', available: true, offline: true },
];
const pictures: ImageJob[] = [{ id: 'p1', model: 'offline-pattern', prompt: 'a harbour', status: 'succeeded' }];

function renderObjects() {
  const onPickModel = vi.fn();
  const onOpenImage = vi.fn();
  render(<RoomObjects models={models} selectedModel="offline-echo" pictures={pictures} onPickModel={onPickModel} onOpenImage={onOpenImage} />);
  return { onPickModel, onOpenImage };
}

beforeEach(() => useStudio.setState({ focusedObject: null, hoveredObject: null }));

describe('RoomObjects', () => {
  it('isOneTabStopWhoseArrowKeysMoveTheFocusedObjectInTheScene', async () => {
    renderObjects();
    await userEvent.tab();
    const [llama, echo, picture] = screen.getAllByRole('button');
    expect(llama).toHaveFocus();
    expect(echo).toHaveAttribute('tabindex', '-1');
    expect(useStudio.getState().focusedObject).toEqual({ kind: 'model', id: 'llama' });
    await userEvent.keyboard('{ArrowRight}');
    expect(echo).toHaveFocus();
    expect(useStudio.getState().focusedObject).toEqual({ kind: 'model', id: 'offline-echo' });
    await userEvent.keyboard('{End}');
    expect(picture).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    expect(llama).toHaveFocus(); // wraps around
    await userEvent.tab();
    expect(useStudio.getState().focusedObject).toBeNull();
  });

  it('enterPicksAnAvailableModelAndOpensAFinishedPicture', async () => {
    const { onPickModel, onOpenImage } = renderObjects();
    await userEvent.tab();
    await userEvent.keyboard('{Enter}'); // llama: no token, nothing happens
    expect(onPickModel).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: /Llama 3.1 8B, huggingface, unavailable/ })).toHaveAttribute('aria-disabled', 'true');
    await userEvent.keyboard('{ArrowRight}{Enter}');
    expect(onPickModel).toHaveBeenCalledWith('offline-echo');
    await userEvent.keyboard('{ArrowRight}{Enter}');
    expect(onOpenImage).toHaveBeenCalledWith('p1');
    expect(screen.getByRole('button', { name: /offline, not AI, in use/ })).toHaveAttribute('aria-pressed', 'true');
  });

  it('marksTheObjectUnderThePointerInTheSceneAndNamesIt', () => {
    useStudio.setState({ hoveredObject: { kind: 'picture', id: 'p1' } });
    renderObjects();
    expect(screen.getByRole('button', { name: 'Picture: a harbour' })).toHaveAttribute('data-hovered', 'true');
    expect(screen.getByText(/Picture: a harbour · Enter to open/)).toBeInTheDocument();
  });

  describe('whenTheStripIsWiderThanTheRoom', () => {
    const scrollBy = vi.fn();
    const scrollIntoView = vi.fn();
    beforeEach(() => {
      // jsdom lays nothing out: the strip shows 200 px of 600.
      vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(600);
      vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(200);
      Object.assign(HTMLElement.prototype, { scrollBy, scrollIntoView });
    });
    afterEach(() => {
      vi.restoreAllMocks();
      scrollBy.mockReset();
      scrollIntoView.mockReset();
      delete (HTMLElement.prototype as Partial<HTMLElement>).scrollBy;
      delete (HTMLElement.prototype as Partial<HTMLElement>).scrollIntoView;
    });

    it('fadesTheEdgeWithMorePastItAndOffersAScrollButtonThere', async () => {
      renderObjects();
      const strip = screen.getByRole('toolbar', { name: 'Objects in the room' });
      expect(strip).toHaveAttribute('data-more-right', 'true');
      expect(strip).not.toHaveAttribute('data-more-left');
      expect(screen.queryByRole('button', { name: 'Scroll the object list left' })).toBeNull();
      const right = screen.getByRole('button', { name: 'Scroll the object list right' });
      await userEvent.click(right);
      expect(scrollBy).toHaveBeenCalledWith({ left: 140, behavior: 'smooth' });
      // Scrolled to the end: the fade and the button move to the left, and the focus moves with the button.
      strip.scrollLeft = 400;
      fireEvent.scroll(strip);
      expect(strip).toHaveAttribute('data-more-left', 'true');
      expect(strip).not.toHaveAttribute('data-more-right');
      expect(screen.queryByRole('button', { name: 'Scroll the object list right' })).toBeNull();
      expect(screen.getByRole('button', { name: 'Scroll the object list left' })).toHaveFocus();
    });

    it('scrollsTheFocusedObjectIntoView', async () => {
      renderObjects();
      await userEvent.tab();
      await userEvent.keyboard('{End}');
      const picture = screen.getByRole('button', { name: 'Picture: a harbour' });
      expect(picture).toHaveFocus();
      expect(scrollIntoView.mock.contexts.at(-1)).toBe(picture);
      expect(scrollIntoView).toHaveBeenLastCalledWith({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
    });
  });
});
