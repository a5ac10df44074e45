import * as Dialog from '@radix-ui/react-dialog';
import { Download, Repeat, X } from 'lucide-react';
import { useImages, useMakeAgain } from '@/api/hooks';
import { contentUrl, downloadUrl } from '@/api/images';
import { useStudio } from '@/state/studio';
import { useReturnFocus } from './returnFocus';
import { Button } from './primitives';

/** An image at full size, opened from the gallery or from a frame in the room. */
export function Lightbox() {
  const id = useStudio((s) => s.openImageId);
  const openImage = useStudio((s) => s.openImage);
  const job = useImages().items.find((j) => j.id === id);
  const again = useMakeAgain();
  const returnFocus = useReturnFocus(!!job);
  return (
    <Dialog.Root open={!!job} onOpenChange={(o) => !o && openImage(null)}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/80" />
        <Dialog.Content onCloseAutoFocus={returnFocus} className="fixed inset-4 z-50 flex flex-col items-center justify-center gap-3 outline-none">
          {job && (
            <>
              <img src={contentUrl(job)} alt={job.prompt} className="max-h-[82vh] max-w-full rounded-lg object-contain shadow-2xl" />
              <Dialog.Title className="max-w-2xl text-center text-sm text-ink">{job.prompt}</Dialog.Title>
              <Dialog.Description className="text-xs text-muted">
                {job.model} · {job.width}×{job.height} · seed {job.seed}
                {job.generationMs ? ` · ${(job.generationMs / 1000).toFixed(1)} s` : ''}
              </Dialog.Description>
              <div className="flex gap-2">
                <Button variant="outline" size="sm" asChild>
                  <a href={downloadUrl(job)} download><Download size={14} aria-hidden /> Download</a>
                </Button>
                {job.seed != null && (
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={again.isPending}
                    onClick={() => again.mutate(job, { onSuccess: () => openImage(null) })}
                  >
                    <Repeat size={14} aria-hidden /> Make again (seed {job.seed})
                  </Button>
                )}
                <Dialog.Close asChild>
                  <Button variant="ghost" size="sm"><X size={14} aria-hidden /> Close</Button>
                </Dialog.Close>
              </div>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
