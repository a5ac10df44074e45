import type { ChatModel } from '@/api/chat';
import { thumbnailUrl, type ImageJob } from '@/api/images';
import clsx from 'clsx';
import { Badge } from './primitives';

/** The room without WebGL (or with reduced motion): the same models to pick and pictures to open, laid flat. */
export function FlatRoom({
  models,
  selectedModel,
  onPickModel,
  images,
  onOpenImage,
}: {
  models: ChatModel[];
  selectedModel: string | null;
  onPickModel: (id: string) => void;
  images: ImageJob[];
  onOpenImage: (id: string) => void;
}) {
  const done = images.filter((j) => j.status === 'succeeded');
  return (
    <div className="h-full overflow-y-auto bg-[linear-gradient(180deg,#1a212b,#0b0f14)] p-5" data-testid="flat-room">
      <h2 className="mb-3 text-sm font-semibold text-muted">Models</h2>
      <ul className="mb-6 grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-2">
        {models.map((m) => (
          <li key={m.id}>
            <button
              type="button"
              disabled={!m.available}
              aria-pressed={m.id === selectedModel}
              onClick={() => onPickModel(m.id)}
              className={clsx(
                'w-full rounded-xl border p-3 text-left text-sm disabled:opacity-40',
                m.id === selectedModel ? 'border-accent bg-sky-300/10' : 'border-line bg-panel hover:bg-panel-2',
              )}
            >
              <span className="block font-medium">{m.name}</span>
              <span className="mt-1 flex gap-1">
                {m.offline ? <Badge tone="warn">offline · not AI</Badge> : <Badge>{m.provider}</Badge>}
                {!m.available && <Badge>no token</Badge>}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <h2 className="mb-3 text-sm font-semibold text-muted">On the walls</h2>
      {done.length === 0 ? (
        <p className="text-sm text-muted">Finished images hang here.</p>
      ) : (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(8rem,1fr))] gap-4">
          {done.map((j) => (
            <li key={j.id}>
              <button type="button" onClick={() => onOpenImage(j.id)} className="block w-full rounded-md border-4 border-[#8a6d45] bg-bg shadow-lg" aria-label={`Open ${j.prompt} full size`}>
                <img src={thumbnailUrl(j)} alt={j.prompt} className="aspect-square w-full object-cover" loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
