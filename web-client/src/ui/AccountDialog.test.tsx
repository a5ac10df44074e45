import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AccountDialog, deviceName } from './AccountDialog';
import { headersOf, jsonResponse, mockFetch, setCookie } from '@/test/fake-server';

afterEach(() => vi.unstubAllGlobals());

const user = { id: 'u1', username: 'ada' };
const now = new Date().toISOString();
const here = {
  id: 's-here', kind: 'browser', createdAt: now, lastSeenAt: now, expiresAt: now, current: true,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  clientAddress: '127.0.0.1',
};
const phone = {
  id: 's-phone', kind: 'browser', createdAt: now, lastSeenAt: now, expiresAt: now, current: false,
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  clientAddress: '10.0.0.7',
};
const script = { ...phone, id: 's-script', kind: 'api', userAgent: 'curl/8.11.1', clientAddress: null };

function renderDialog() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AccountDialog user={user} open onOpenChange={() => {}} />
    </QueryClientProvider>,
  );
}

describe('AccountDialog', () => {
  it('changesThePasswordWithTheCsrfHeaderAndSaysTheOtherSessionsEnded', async () => {
    setCookie('studio_csrf=tok');
    let sessions = [here, phone];
    const fetch = mockFetch((url) => {
      if (url.endsWith('/api/auth/password')) {
        sessions = [here];
        return new Response(null, { status: 204 });
      }
      return jsonResponse(200, sessions);
    });
    renderDialog();
    expect(await screen.findByText('Safari on iOS')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Current password'), 'old-passphrase');
    await userEvent.type(screen.getByLabelText('New password'), 'new-passphrase-here');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Password changed. Every other session of this account was signed out.');
    const [, put = {}] = fetch.mock.calls.find(([u]) => String(u).endsWith('/api/auth/password')) ?? [];
    expect(put.method).toBe('PUT');
    expect(JSON.parse(String(put.body))).toEqual({ currentPassword: 'old-passphrase', newPassword: 'new-passphrase-here' });
    expect(headersOf(put)['x-csrf-token']).toBe('tok');
    await waitFor(() => expect(screen.queryByText('Safari on iOS')).not.toBeInTheDocument());
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });

  it('putsTheServersRefusalBesideTheFieldItNames', async () => {
    setCookie('studio_csrf=tok');
    mockFetch((url) => {
      if (url.endsWith('/api/auth/password')) {
        return jsonResponse(400, {
          status: 400, code: 'wrong_password', detail: 'currentPassword is not the account\'s password',
          violations: [{ field: 'currentPassword', in: 'body', message: 'is not the account\'s password' }],
        }, 'application/problem+json');
      }
      return jsonResponse(200, [here]);
    });
    renderDialog();
    await userEvent.type(screen.getByLabelText('Current password'), 'not-it');
    await userEvent.type(screen.getByLabelText('New password'), 'new-passphrase-here');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('is not the account\'s password')).toHaveAttribute('id', 'current-password-error');
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('listsWhereTheAccountIsSignedInAndSignsOutOneOfTheOthers', async () => {
    setCookie('studio_csrf=tok');
    let sessions = [phone, script, here];
    const fetch = mockFetch((url, init) => {
      if (init.method === 'DELETE') {
        sessions = sessions.filter((s) => !url.endsWith(`/api/auth/sessions/${s.id}`));
        return new Response(null, { status: 204 });
      }
      return jsonResponse(200, sessions);
    });
    renderDialog();
    const list = await screen.findByRole('list', { name: 'Sessions' });
    expect(await within(list).findByText('this session')).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('this session');
    expect(within(list).getByText('API token · curl/8.11.1')).toBeInTheDocument();
    // the session in use is not offered here (Sign out in the header ends it)
    expect(within(list).getAllByRole('button', { name: /^Sign out / })).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Sign out Safari on iOS' }));
    await waitFor(() => expect(within(list).queryByText('Safari on iOS')).not.toBeInTheDocument());
    expect(fetch.mock.calls.filter(([, i]) => i?.method === 'DELETE').map(([u]) => String(u).split('/').at(-1))).toEqual(['s-phone']);
    expect(within(list).getByText('API token · curl/8.11.1')).toBeInTheDocument();
  });

  it('signsOutEveryOtherSessionAtOnce', async () => {
    setCookie('studio_csrf=tok');
    let sessions = [here, phone, script];
    mockFetch((url, init) => {
      if (init.method === 'DELETE') {
        sessions = sessions.filter((s) => !url.endsWith(`/api/auth/sessions/${s.id}`));
        return new Response(null, { status: 204 });
      }
      return jsonResponse(200, sessions);
    });
    renderDialog();
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out everywhere else' }));
    const list = screen.getByRole('list', { name: 'Sessions' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(within(list).getByText('this session')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign out everywhere else' })).not.toBeInTheDocument();
  });

  it('namesDevicesPlainly', () => {
    expect(deviceName(here.userAgent)).toBe('Chrome on Linux');
    expect(deviceName(phone.userAgent)).toBe('Safari on iOS');
    expect(deviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox on Windows');
    expect(deviceName('curl/8.11.1')).toBe('curl/8.11.1');
    expect(deviceName(null)).toBe('Unknown device');
  });
});
