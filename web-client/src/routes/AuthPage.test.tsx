import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthPage } from './AuthPage';
import { jsonResponse, mockFetch, setCookie } from '@/test/fake-server';
import { useStudio } from '@/state/studio';

afterEach(() => vi.unstubAllGlobals());

function renderPage(mode: 'sign-in' | 'register') {
  const client = new QueryClient();
  return render(
    <QueryClientProvider client={client}>
      <AuthPage mode={mode} />
    </QueryClientProvider>,
  );
}

describe('AuthPage', () => {
  it('showsTheServersMessageNextToTheFieldItNames', async () => {
    setCookie('studio_csrf=t');
    mockFetch(() =>
      jsonResponse(400, { status: 400, code: 'password_too_common', detail: 'This password is too common.' }, 'application/problem+json'),
    );
    renderPage('register');
    await userEvent.type(screen.getByLabelText('Username'), 'ada');
    await userEvent.type(screen.getByLabelText('Password'), 'password1');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const password = screen.getByLabelText('Password');
    expect(await screen.findByText('This password is too common.')).toHaveAttribute('id', 'password-error');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'false');
  });

  it('placesViolationsByFieldName', async () => {
    setCookie('studio_csrf=t');
    mockFetch(() =>
      jsonResponse(
        400,
        { status: 400, code: 'validation_failed', detail: 'Invalid', violations: [{ field: 'username', message: 'Use 3–32 characters.' }] },
        'application/problem+json',
      ),
    );
    renderPage('register');
    await userEvent.type(screen.getByLabelText('Username'), 'a');
    await userEvent.type(screen.getByLabelText('Password'), 'whatever-long');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Use 3–32 characters.')).toHaveAttribute('id', 'username-error');
  });

  it('showsWrongCredentialsForTheWholeForm', async () => {
    setCookie('studio_csrf=t');
    mockFetch(() => jsonResponse(401, { status: 401, code: 'invalid_credentials', detail: 'Wrong username or password.' }, 'application/problem+json'));
    renderPage('sign-in');
    await userEvent.type(screen.getByLabelText('Username'), 'ada');
    await userEvent.type(screen.getByLabelText('Password'), 'nope-nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
  });

  it('startsTheCursorInTheUsernameOrInThePasswordForTheLastUser', () => {
    sessionStorage.removeItem('studio-last-user');
    const first = renderPage('sign-in');
    expect(screen.getByLabelText('Username')).toHaveFocus();
    first.unmount();
    sessionStorage.setItem('studio-last-user', 'ada');
    renderPage('sign-in');
    expect(screen.getByLabelText('Username')).toHaveValue('ada');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    sessionStorage.removeItem('studio-last-user');
  });

  it('keepsDraftsForTheSamePersonOnlyAndNeverShowsThemToSomeoneElse', async () => {
    setCookie('studio_csrf=t');
    mockFetch((_url, init) => {
      const { username } = JSON.parse(String(init.body));
      return jsonResponse(200, { user: { id: `id-${username}`, username, createdAt: '2026-12-02T10:00:00Z' } });
    });
    const signIn = async (name: string) => {
      const view = renderPage('sign-in');
      const user = userEvent.setup();
      const box = screen.getByLabelText('Username');
      await user.clear(box);
      await user.type(box, name);
      await user.type(screen.getByLabelText('Password'), 'a long passphrase');
      await user.click(screen.getByRole('button', { name: 'Sign in' }));
      await vi.waitFor(() => expect(sessionStorage.getItem('studio-last-user')).toBe(name));
      view.unmount();
    };
    sessionStorage.setItem('studio-last-user', 'ada');
    useStudio.setState({ conversationId: 'ada-c1', chatDraft: 'half a thought', imagePrompt: 'a harbour', chatModel: 'offline-echo' });
    // Ada again (her session had ended): everything she typed is still there.
    await signIn('ada');
    expect(useStudio.getState()).toMatchObject({ conversationId: 'ada-c1', chatDraft: 'half a thought', imagePrompt: 'a harbour' });
    // Someone else in the same tab: none of it.
    await signIn('bob');
    expect(useStudio.getState()).toMatchObject({ conversationId: null, chatDraft: '', imagePrompt: '', chatModel: null });
  });

  it('namesTheFormInTheWindowTitle', () => {
    const view = renderPage('register');
    expect(document.title).toBe('Create an account · AI Studio 3D');
    view.unmount();
    renderPage('sign-in');
    expect(document.title).toBe('Sign in · AI Studio 3D');
  });
});
