import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RoomFold } from './RoomFold';
import { useLayout } from '@/state/studio';

beforeEach(() => {
  localStorage.clear();
  useLayout.setState({ roomFolded: false });
});

describe('RoomFold', () => {
  it('foldsAndUnfoldsTheRoomFromTheKeyboardSayingSoWithAriaExpanded', async () => {
    render(<RoomFold controls="studio-room" />);
    const button = screen.getByRole('button', { name: 'Room' });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(button).toHaveAttribute('aria-controls', 'studio-room');
    await userEvent.tab();
    expect(button).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(useLayout.getState().roomFolded).toBe(true);
    await userEvent.keyboard(' ');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(useLayout.getState().roomFolded).toBe(false);
  });

  it('remembersTheRoomFoldedAcrossAReload', async () => {
    const { unmount } = render(<RoomFold controls="studio-room" />);
    await userEvent.click(screen.getByRole('button', { name: 'Room' }));
    const kept = localStorage.getItem('studio-layout')!;
    expect(JSON.parse(kept).state).toEqual({ roomFolded: true });
    unmount();
    // A reload: the store starts unfolded, then reads what was kept (setState writes through, so the kept value is put back).
    useLayout.setState({ roomFolded: false });
    localStorage.setItem('studio-layout', kept);
    await act(() => useLayout.persist.rehydrate());
    render(<RoomFold controls="studio-room" />);
    expect(screen.getByRole('button', { name: 'Room' })).toHaveAttribute('aria-expanded', 'false');
  });
});
