import { afterEach, describe, expect, it, vi } from 'vitest';
import { onSessionEnded, request } from './client';
import { ApiError } from './errors';
import { headersOf, jsonResponse, mockFetch, setCookie } from '@/test/fake-server';

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'studio_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

describe('request', () => {
  it('sendsTheCsrfCookieAsHeaderOnUnsafeMethods', async () => {
    setCookie('studio_csrf=tok-123');
    const fetch = mockFetch(() => jsonResponse(200, { ok: true }));
    await request('/api/chat/conversations', { method: 'POST', body: { title: 't' } });
    await request('/api/chat/conversations/1', { method: 'DELETE' });
    await request('/api/chat/models');
    const [post, del, get] = fetch.mock.calls.map((c) => headersOf(c[1] as RequestInit));
    expect(post['x-csrf-token']).toBe('tok-123');
    expect(post['content-type']).toBe('application/json');
    expect(del['x-csrf-token']).toBe('tok-123');
    expect(get['x-csrf-token']).toBeUndefined();
    expect((fetch.mock.calls[0][1] as RequestInit).credentials).toBe('include');
  });

  it('asksTheGatewayForACsrfCookieWhenThePageHasNone', async () => {
    const fetch = mockFetch((url) => {
      if (url.endsWith('/api/auth/me')) {
        setCookie('studio_csrf=fresh');
        return jsonResponse(401, { code: 'unauthorized' }, 'application/problem+json');
      }
      return jsonResponse(200, { user: { id: '1', username: 'ada' } });
    });
    await request('/api/auth/login', { method: 'POST', body: { username: 'ada', password: 'x' } });
    expect(fetch.mock.calls[0][0]).toContain('/api/auth/me');
    expect(headersOf(fetch.mock.calls[1][1] as RequestInit)['x-csrf-token']).toBe('fresh');
  });

  it('turnsProblemJsonIntoApiErrorWithFieldViolations', async () => {
    mockFetch(() =>
      jsonResponse(
        400,
        {
          type: 'about:blank',
          title: 'Bad input',
          status: 400,
          detail: 'Check the fields',
          code: 'validation_failed',
          violations: [{ field: 'register.body.username', message: 'must be 3 to 32 characters' }],
        },
        'application/problem+json',
      ),
    );
    const error = (await request("/api/auth/register", { method: "POST", body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('validation_failed');
    expect(error.fieldMessage('username')).toBe('must be 3 to 32 characters');
    expect(error.message).toBe('Check the fields');
  });

  it('reportsAnEndedSessionSoTheAppCanShowSignIn', async () => {
    const ended = vi.fn();
    const off = onSessionEnded(ended);
    mockFetch(() => jsonResponse(401, { status: 401, code: 'session_ended' }, 'application/problem+json'));
    await expect(request('/api/chat/models')).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledTimes(1);
    off();
  });

  it('answersUndefinedForNoContent', async () => {
    setCookie('studio_csrf=t');
    mockFetch(() => new Response(null, { status: 204 }));
    await expect(request('/api/chat/conversations/1', { method: 'DELETE' })).resolves.toBeUndefined();
  });
});
