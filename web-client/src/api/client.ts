import { apiUrl } from './config';
import { ApiError, problemFrom } from './errors';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_COOKIE = 'studio_csrf';

export function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

type SessionEndedListener = () => void;
const sessionEndedListeners = new Set<SessionEndedListener>();

/** Called when the gateway says the session is over (401 `session_ended`), so the app can show sign in. */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

export function notifyIfSessionEnded(error: ApiError): void {
  if (error.status === 401 && (error.code === 'session_ended' || error.code === 'unauthorized')) {
    sessionEndedListeners.forEach((l) => l());
  }
}

let csrfPrime: Promise<unknown> | undefined;

/** The gateway sets `studio_csrf` on any answer to a request without it; ask once when the page has none yet. */
async function ensureCsrfCookie(): Promise<string | undefined> {
  let token = readCookie(CSRF_COOKIE);
  if (token) return token;
  csrfPrime ??= fetch(apiUrl('/api/auth/me'), { credentials: 'include' }).catch(() => undefined);
  await csrfPrime;
  csrfPrime = undefined;
  token = readCookie(CSRF_COOKIE);
  return token;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** fetch with the session cookie, the CSRF header on unsafe methods and JSON bodies; throws ApiError. */
export async function rawFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method)) {
    const token = await ensureCsrfCookie();
    if (token) headers['X-CSRF-Token'] = token;
  }
  const response = await fetch(apiUrl(path), {
    method,
    headers,
    credentials: 'include',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (!response.ok) {
    const error = await problemFrom(response);
    notifyIfSessionEnded(error);
    throw error;
  }
  return response;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await rawFetch(path, options);
  if (response.status === 204 || response.status === 205) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}
