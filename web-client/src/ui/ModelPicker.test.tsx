import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ModelPicker } from './ModelPicker';
import type { ChatModel } from '@/api/chat';

const models: ChatModel[] = [
  { id: 'meta-llama/Llama-3.1-8B-Instruct', name: 'Llama 3.1 8B Instruct', family: 'llama', provider: 'huggingface', available: false, offline: false },
  { id: 'offline-echo', name: 'Offline echo (not AI)', family: 'offline', provider: 'offline', available: true, offline: true },
  { id: 'gpt-4o-mini-2024-07-18-long-id', name: 'gpt-4o-mini-2024-07-18-long-id', family: 'openai', provider: 'openai', available: true, offline: false },
];

describe('ModelPicker', () => {
  it('showsTheNameInTheSelectAndTheProviderAsABadgeWithTheFullLabelAsTooltip', () => {
    render(<ModelPicker models={models} value="offline-echo" onChange={() => undefined} />);
    const select = screen.getByLabelText('Model');
    expect(select).toHaveAccessibleDescription('offline · not AI');
    expect(select).toHaveAttribute('title', 'Offline echo (not AI) · offline');
    // The option text is the name alone (the closed select shows it), grouped under its provider.
    const offline = screen.getByRole('group', { name: 'offline' });
    expect(within(offline).getByRole('option', { name: 'Offline echo (not AI)' })).toHaveProperty('selected', true);
    expect(within(screen.getByRole('group', { name: 'openai' })).getByRole('option', { name: 'gpt-4o-mini-2024-07-18-long-id' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Llama 3.1 8B Instruct (no token)' })).toBeDisabled();
  });

  it('isAKeyboardSelectWhoseBadgeFollowsTheChoice', async () => {
    const onChange = vi.fn();
    const { rerender } = render(<ModelPicker models={models} value="offline-echo" onChange={onChange} />);
    await userEvent.selectOptions(screen.getByLabelText('Model'), 'gpt-4o-mini-2024-07-18-long-id');
    expect(onChange).toHaveBeenCalledWith('gpt-4o-mini-2024-07-18-long-id');
    rerender(<ModelPicker models={models} value="gpt-4o-mini-2024-07-18-long-id" onChange={onChange} />);
    expect(screen.getByLabelText('Model')).toHaveAccessibleDescription('openai');
    expect(screen.getByLabelText('Model')).toHaveAttribute('title', 'gpt-4o-mini-2024-07-18-long-id · openai');
  });
});

describe('the image form uses the same picker', () => {
  const imageModels = [
    { id: 'black-forest-labs/FLUX.1-schnell-with-a-very-long-name', name: 'FLUX.1 schnell with a very long descriptive name', provider: 'huggingface', available: true, offline: false },
    { id: 'offline-pattern', name: 'Offline pattern (not AI)', provider: 'offline', available: true, offline: true },
  ];
  it('showsTheWholeNameGroupedByProviderWithTheBadge', () => {
    render(<ModelPicker id="image-model" label="Image model" form models={imageModels} value="offline-pattern" onChange={() => undefined} />);
    const select = screen.getByLabelText('Image model');
    expect(select).toHaveAccessibleDescription('offline · not AI');
    expect(within(screen.getByRole('group', { name: 'huggingface' })).getByRole('option', { name: 'FLUX.1 schnell with a very long descriptive name' })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'offline' })).getByRole('option', { name: 'Offline pattern (not AI)' })).toHaveProperty('selected', true);
  });
});
