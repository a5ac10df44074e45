import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
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
});
