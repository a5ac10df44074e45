import { useEffect, useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useQueryClient } from '@tanstack/react-query';
import { chatApi, type Conversation } from '@/api/chat';
import { describeError } from '@/api/errors';
import { keys } from '@/api/hooks';
import { Button, Field, Input, Textarea } from './primitives';
import { useReturnFocus } from './returnFocus';

const num = (v: string) => (v.trim() === '' ? null : Number(v));

/** System prompt and sampling parameters of one conversation. */
export function ConversationSettings({
  conversation,
  open,
  onOpenChange,
}: {
  conversation: Conversation;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const returnFocus = useReturnFocus(open);
  const client = useQueryClient();
  const [system, setSystem] = useState('');
  const [temperature, setTemperature] = useState('');
  const [topP, setTopP] = useState('');
  const [maxTokens, setMaxTokens] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setSystem(conversation.systemPrompt ?? '');
    setTemperature(conversation.params?.temperature?.toString() ?? '');
    setTopP(conversation.params?.top_p?.toString() ?? '');
    setMaxTokens(conversation.params?.max_tokens?.toString() ?? '');
    setError(null);
  }, [open, conversation]);

  async function save() {
    try {
      await chatApi.update(conversation.id, {
        systemPrompt: system,
        params: { temperature: num(temperature), top_p: num(topP), max_tokens: num(maxTokens) },
      });
      await client.invalidateQueries({ queryKey: keys.conversation(conversation.id) });
      onOpenChange(false);
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/60" />
        <Dialog.Content onCloseAutoFocus={returnFocus} className="fixed left-1/2 top-1/2 z-50 w-[min(32rem,94vw)] -translate-x-1/2 -translate-y-1/2 rounded-2xl border border-line bg-panel p-6 shadow-2xl">
          <Dialog.Title className="text-base font-semibold">Conversation settings</Dialog.Title>
          <Dialog.Description className="mb-4 text-sm text-muted">Used for every reply in this conversation.</Dialog.Description>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Field id="system-prompt" label="System prompt">
              <Textarea id="system-prompt" rows={4} value={system} onChange={(e) => setSystem(e.target.value)} placeholder="You are a helpful assistant." />
            </Field>
            <div className="grid grid-cols-3 gap-3">
              <Field id="temperature" label="Temperature" hint="0–2">
                <Input id="temperature" type="number" min={0} max={2} step={0.1} value={temperature} onChange={(e) => setTemperature(e.target.value)} />
              </Field>
              <Field id="top-p" label="Top p" hint="0–1">
                <Input id="top-p" type="number" min={0} max={1} step={0.05} value={topP} onChange={(e) => setTopP(e.target.value)} />
              </Field>
              <Field id="max-tokens" label="Max tokens">
                <Input id="max-tokens" type="number" min={1} step={1} value={maxTokens} onChange={(e) => setMaxTokens(e.target.value)} />
              </Field>
            </div>
            {error && <p role="alert" className="text-sm text-danger">{error}</p>}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button type="button" variant="ghost">Cancel</Button>
              </Dialog.Close>
              <Button type="submit">Save</Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
