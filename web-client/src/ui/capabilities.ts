import { useEffect, useState, type RefObject } from 'react';

/** A renderer name of a WebGL implementation that draws on the CPU (no GPU): SwiftShader, llvmpipe, softpipe, WARP. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render driver|microsoft basic/i.test(renderer);
}

export interface WebGLSupport {
  available: boolean;
  /** Drawn on the CPU: the page composites on the CPU too, so costly effects over the canvas are left out. */
  software: boolean;
  renderer: string;
}

/** Whether this browser can draw WebGL (a software renderer counts), and whether it does so without a GPU. */
export function webGLSupport(): WebGLSupport {
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') || canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return { available: false, software: false, renderer: '' };
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String((info && gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) ?? gl.getParameter(gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext(); // the probe's context is not kept alive next to the room's
    return { available: true, software: isSoftwareRenderer(renderer), renderer };
  } catch {
    return { available: false, software: false, renderer: '' };
  }
}

/**
 * Marks the page (`<html data-gl="software">`) when WebGL draws on the CPU. Chromium then also composites on the CPU,
 * and a backdrop blur over the canvas is recomputed for every change above or below it: while a reply streamed, that
 * held the page's main thread for 28-70 s at a time on a loaded 2-core machine (index.css turns the blur off there).
 */
export function markSoftwareRendering(support: WebGLSupport): void {
  if (typeof document === 'undefined') return;
  if (support.available && support.software) document.documentElement.dataset.gl = 'software';
  else delete document.documentElement.dataset.gl;
}

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Whether a media query matches now, following changes (window resizes). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const list = matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}

/** The CSS pixel size of an element, following resizes. */
export function useElementSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setSize((s) => (s.width === el.clientWidth && s.height === el.clientHeight ? s : { width: el.clientWidth, height: el.clientHeight }));
    update();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
