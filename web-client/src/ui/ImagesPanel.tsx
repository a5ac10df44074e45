import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Download, Maximize2, Repeat, Trash2, Wand2 } from 'lucide-react';
import { ApiError, describeError, describeProblem } from '@/api/errors';
import { upsertJob, useDeleteImage, useImageModels, useImages, useMakeAgain } from '@/api/hooks';
import { downloadUrl, imagesApi, isPending, thumbnailUrl, type ImageJob, type ImageModel, type Range } from '@/api/images';
import { useStudio } from '@/state/studio';
import { Badge, Button, Field, Input, Textarea } from './primitives';
import { ModelPicker } from './ModelPicker';
import { LoadMore } from './LoadMore';
import { LoadProblem } from './LoadProblem';

type Params = { width?: number; height?: number; steps?: number; guidance?: number };

export function ImagesPanel() {
  const models = useImageModels();
  const images = useImages();
  return (
    <section aria-label="Images" className="flex h-full min-h-0 flex-col overflow-y-auto">
      {models.data ? (
        <ImageForm models={models.data} />
      ) : models.isError ? (
        <LoadProblem className="p-4" what="The image models" error={models.error} onRetry={() => void models.refetch()} retrying={models.isFetching} />
      ) : (
        <p className="p-4 text-sm text-muted">Loading image models…</p>
      )}
      <Gallery
        jobs={images.items}
        loading={images.isPending}
        problem={images.isError && !images.items.length ? <LoadProblem what="The gallery" error={images.error} onRetry={() => void images.refetch()} retrying={images.isFetching} /> : null}
      />
      <div className="px-4 pb-4">
        <LoadMore
          hasMore={images.hasNextPage}
          loading={images.isFetchingNextPage}
          onMore={() => void images.fetchNextPage()}
          label="Older images"
        />
      </div>
    </section>
  );
}

function supportsNegative(m?: ImageModel) {
  const n = m?.parameters?.negativePrompt;
  return n === undefined ? true : typeof n === 'boolean' ? n : n.supported !== false;
}

function ImageForm({ models }: { models: ImageModel[] }) {
  const client = useQueryClient();
  const prompt = useStudio((s) => s.imagePrompt);
  const setPrompt = useStudio((s) => s.setImagePrompt);
  const [modelId, setModelId] = useState(() => models.find((m) => m.available && !m.offline)?.id ?? models.find((m) => m.available)?.id ?? '');
  const model = models.find((m) => m.id === modelId);
  const [negative, setNegative] = useState('');
  const [seed, setSeed] = useState('');
  const [params, setParams] = useState<Params>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const p = model?.parameters ?? {};
    setParams({ width: p.width?.default, height: p.height?.default, steps: p.steps?.default, guidance: p.guidance?.default });
  }, [model]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!model || !prompt.trim()) return;
    setBusy(true);
    setErrors({});
    try {
      const job = await imagesApi.create({
        model: model.id,
        prompt: prompt.trim(),
        negativePrompt: negative.trim() || undefined,
        ...params,
        seed: seed.trim() === '' ? undefined : Number(seed),
      });
      upsertJob(client, job);
    } catch (error) {
      const out: Record<string, string> = {};
      if (error instanceof ApiError) for (const v of error.violations) out[v.field.split('.').at(-1)!] = v.message;
      out.form = describeError(error);
      setErrors(out);
    } finally {
      setBusy(false);
    }
  }

  const p = model?.parameters ?? {};
  return (
    <form onSubmit={submit} className="space-y-3 border-b border-line p-4" aria-label="Generate an image">
      <ModelPicker id="image-model" label="Image model" form models={models} value={modelId} onChange={setModelId} />
      {model?.description && <p className="-mt-1 text-xs text-muted">{model.description}</p>}
      <Field id="image-prompt" label="Prompt" error={errors.prompt}>
        <Textarea id="image-prompt" rows={2} value={prompt} onChange={(e) => setPrompt(e.target.value)} placeholder="A quiet reading room at dusk, warm lamps" />
      </Field>
      {supportsNegative(model) && (
        <Field id="image-negative" label="Negative prompt" error={errors.negativePrompt}>
          <Input id="image-negative" value={negative} onChange={(e) => setNegative(e.target.value)} placeholder="blurry, text" />
        </Field>
      )}
      <div className="grid grid-cols-2 gap-3">
        {p.width && <Slider id="image-width" label="Width" range={p.width} value={params.width} error={errors.width} onChange={(width) => setParams((s) => ({ ...s, width }))} unit="px" />}
        {p.height && <Slider id="image-height" label="Height" range={p.height} value={params.height} error={errors.height} onChange={(height) => setParams((s) => ({ ...s, height }))} unit="px" />}
        {p.steps && <Slider id="image-steps" label="Steps" range={p.steps} value={params.steps} error={errors.steps} onChange={(steps) => setParams((s) => ({ ...s, steps }))} />}
        {p.guidance && <Slider id="image-guidance" label="Guidance" range={{ step: 0.5, ...p.guidance }} value={params.guidance} error={errors.guidance} onChange={(guidance) => setParams((s) => ({ ...s, guidance }))} />}
      </div>
      <Field id="image-seed" label="Seed" error={errors.seed} hint="Empty: a random seed, stored so the image can be made again.">
        <Input id="image-seed" inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value.replace(/[^0-9]/g, ''))} />
      </Field>
      {errors.form && <p role="alert" className="text-sm text-danger">{errors.form}</p>}
      <Button type="submit" className="w-full" disabled={busy || !prompt.trim() || !model?.available}>
        <Wand2 size={15} aria-hidden /> {busy ? 'Queuing…' : 'Generate image'}
      </Button>
    </form>
  );
}

function Slider({ id, label, range, value, onChange, unit = '', error }: { id: string; label: string; range: Range; value?: number; onChange: (v: number) => void; unit?: string; error?: string }) {
  const v = value ?? range.default ?? range.min;
  return (
    <Field id={id} label={`${label}: ${v}${unit}`} error={error}>
      <input
        id={id}
        type="range"
        min={range.min}
        max={range.max}
        step={range.step ?? 1}
        value={v}
        onChange={(e) => onChange(Number(e.target.value))}
        className="w-full accent-sky-300"
      />
    </Field>
  );
}

const STATUS_TONE: Record<string, 'muted' | 'warn' | 'ok' | 'danger'> = {
  queued: 'muted',
  running: 'warn',
  succeeded: 'ok',
  failed: 'danger',
  cancelled: 'muted',
};

function Gallery({ jobs, loading, problem }: { jobs: ImageJob[]; loading: boolean; problem: React.ReactNode }) {
  const openImage = useStudio((s) => s.openImage);
  const remove = useDeleteImage();
  const again = useMakeAgain();
  const actionError = remove.error ?? again.error;
  return (
    <div className="p-4">
      <h2 className="mb-3 text-sm font-semibold">Gallery</h2>
      {loading && <p className="text-sm text-muted">Loading…</p>}
      {problem}
      {!loading && !problem && jobs.length === 0 && <p className="text-sm text-muted">No images yet. They appear here and on the walls of the room.</p>}
      {actionError && <p role="alert" className="mb-2 text-sm text-danger">{describeError(actionError)}</p>}
      <ul className="grid grid-cols-2 gap-3" aria-label="Images">
        {jobs.map((job) => (
          <li key={job.id} data-status={job.status} className="overflow-hidden rounded-xl border border-line bg-panel-2" aria-label={`Image: ${job.prompt}`}>
            {job.status === 'succeeded' ? (
              <button type="button" onClick={() => openImage(job.id)} className="block aspect-square w-full bg-bg" aria-label={`Open ${job.prompt} full size`}>
                <img src={thumbnailUrl(job)} alt={job.prompt} className="h-full w-full object-cover" loading="lazy" />
              </button>
            ) : (
              <div className="grid aspect-square place-items-center bg-bg p-3 text-center text-xs text-muted">
                {isPending(job) ? (
                  <div className="w-full space-y-2" role="status">
                    <div className="h-1.5 w-full overflow-hidden rounded bg-line" aria-hidden>
                      <div className={job.status === 'running' ? 'h-full w-2/3 animate-pulse bg-accent' : 'h-full w-1/5 bg-muted'} />
                    </div>
                    <span>{job.status === 'running' ? 'Generating…' : 'Queued'}</span>
                  </div>
                ) : job.status === 'failed' ? (
                  <span className="text-red-200" data-testid="job-error">
                    {job.error ? describeProblem(job.error) : 'The image could not be made.'}
                  </span>
                ) : (
                  <span>Cancelled</span>
                )}
              </div>
            )}
            <div className="space-y-1 p-2">
              <p className="line-clamp-2 text-xs" title={job.prompt}>{job.prompt}</p>
              <div className="flex items-center justify-between gap-1">
                <Badge tone={STATUS_TONE[job.status] ?? 'muted'}>{job.status}</Badge>
                <span className="flex">
                  {(job.status === 'succeeded' || job.status === 'failed') && job.seed != null && (
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Make again with seed ${job.seed}`}
                      title={`Make again (seed ${job.seed})`}
                      disabled={again.isPending}
                      onClick={() => again.mutate(job)}
                    >
                      <Repeat size={13} aria-hidden />
                    </Button>
                  )}
                  {job.status === 'succeeded' && (
                    <>
                      <Button size="icon" variant="ghost" aria-label="Open full size" onClick={() => openImage(job.id)}><Maximize2 size={13} aria-hidden /></Button>
                      <Button size="icon" variant="ghost" aria-label="Download" asChild>
                        <a href={downloadUrl(job)} download><Download size={13} aria-hidden /></a>
                      </Button>
                    </>
                  )}
                  <Button size="icon" variant="ghost" aria-label={isPending(job) ? 'Cancel' : 'Delete image'} onClick={() => remove.mutate(job.id)}>
                    <Trash2 size={13} aria-hidden />
                  </Button>
                </span>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
