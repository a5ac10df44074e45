import type { ChatModel } from '@/api/chat';

export function modelLabel(m: { name: string; provider: string; offline: boolean; available: boolean }) {
  return `${m.name} · ${m.offline ? 'offline' : m.provider}${m.available ? '' : ' · unavailable (no token)'}`;
}

/** A native select: keyboard, touch and screen readers for free; provider and offline label in every option. */
export function ModelPicker({
  models,
  value,
  onChange,
  id = 'chat-model',
}: {
  models: ChatModel[];
  value: string | null;
  onChange: (id: string) => void;
  id?: string;
}) {
  return (
    <div className="flex items-center gap-2 min-w-0">
      <label htmlFor={id} className="text-xs text-muted shrink-0">
        Model
      </label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        className="h-8 min-w-0 flex-1 rounded-lg border border-line bg-bg px-2 text-sm text-ink focus:border-accent focus:outline-none"
      >
        {models.map((m) => (
          <option key={m.id} value={m.id} disabled={!m.available}>
            {modelLabel(m)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The model to use when none was chosen: the first available non-offline one, else the offline one. */
export function defaultModel(models: ChatModel[]): string | null {
  return models.find((m) => m.available && !m.offline)?.id ?? models.find((m) => m.available)?.id ?? null;
}
