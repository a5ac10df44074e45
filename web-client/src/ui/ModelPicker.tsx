import type { ChatModel } from '@/api/chat';

type Labelled = { name: string; provider: string; offline: boolean; available: boolean };

/** Where a model runs, as the picker's badge and option groups show it. */
export function providerLabel(m: Labelled) {
  return m.offline ? 'offline' : m.provider;
}

export function modelLabel(m: Labelled) {
  return `${m.name} · ${providerLabel(m)}${m.available ? '' : ' · unavailable (no token)'}`;
}

/** The models grouped by where they run, in the catalog's order. */
function byProvider<M extends Labelled>(models: M[]) {
  const groups = new Map<string, M[]>();
  for (const m of models) groups.set(providerLabel(m), [...(groups.get(providerLabel(m)) ?? []), m]);
  return [...groups];
}

/**
 * A native select (keyboard, touch and screen readers for free) on a row of its own, so a long model name has the
 * panel's whole width. The options carry only the name, grouped by provider; the provider of the chosen model is a
 * badge above it (also the select's description) and the full label is its tooltip. The chat and the image form
 * both use it.
 */
export function ModelPicker<M extends Labelled & { id: string }>({
  models,
  value,
  onChange,
  id = 'chat-model',
  label = 'Model',
  form = false,
}: {
  models: M[];
  value: string | null;
  onChange: (id: string) => void;
  id?: string;
  label?: string;
  /** In a form: the label and the select sized like the form's other fields. */
  form?: boolean;
}) {
  const chosen = models.find((m) => m.id === value);
  return (
    <div className={`flex min-w-0 flex-1 flex-col ${form ? 'gap-1.5' : 'gap-1'}`}>
      <div className="flex items-center gap-2">
        <label htmlFor={id} className={form ? 'text-sm font-medium text-ink' : 'text-xs text-muted'}>
          {label}
        </label>
        {chosen && (
          <span id={`${id}-provider`} className="truncate rounded-full border border-line px-1.5 text-[11px] leading-4 text-muted">
            {providerLabel(chosen)}
            {chosen.offline && ' · not AI'}
          </span>
        )}
      </div>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        title={chosen ? modelLabel(chosen) : undefined}
        aria-describedby={chosen ? `${id}-provider` : undefined}
        className={`${form ? 'h-9' : 'h-8'} w-full min-w-0 rounded-lg border border-line bg-bg px-2 text-base sm:text-sm text-ink focus:border-accent focus:outline-none`}
      >
        {byProvider(models).map(([provider, group]) => (
          <optgroup key={provider} label={provider}>
            {group.map((m) => (
              <option key={m.id} value={m.id} disabled={!m.available} title={modelLabel(m)}>
                {m.available ? m.name : `${m.name} (no token)`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** The model to use when none was chosen: the first available non-offline one, else the offline one. */
export function defaultModel(models: ChatModel[]): string | null {
  return models.find((m) => m.available && !m.offline)?.id ?? models.find((m) => m.available)?.id ?? null;
}
