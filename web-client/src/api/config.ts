declare global {
  interface Window {
    __STUDIO_CONFIG__?: { apiBase?: string };
  }
}

/**
 * Where the gateway's `/api` lives. Runtime `window.__STUDIO_CONFIG__.apiBase` (public/config.js, replaceable at
 * deploy time) wins over the build-time `VITE_API_BASE`; empty means the page's own origin.
 */
export function apiBase(): string {
  const runtime = typeof window !== 'undefined' ? window.__STUDIO_CONFIG__?.apiBase : undefined;
  const base = runtime || (import.meta.env.VITE_API_BASE as string | undefined) || '';
  return base.replace(/\/+$/, '');
}

export function apiUrl(path: string): string {
  return apiBase() + path;
}
