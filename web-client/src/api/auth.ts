import { request } from './client';

export interface User {
  id: string;
  username: string;
  createdAt?: string;
}

/** One place the account is signed in, as user-service lists them. */
export interface AccountSession {
  id: string;
  kind: 'browser' | 'api';
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent?: string | null;
  clientAddress?: string | null;
  current: boolean;
}

export const authApi = {
  me: () => request<User>('/api/auth/me'),
  login: (username: string, password: string) =>
    request<{ user: User }>('/api/auth/login', { method: 'POST', body: { username, password } }),
  register: (username: string, password: string) =>
    request<{ user: User }>('/api/auth/register', { method: 'POST', body: { username, password } }),
  logout: () => request<void>('/api/auth/logout', { method: 'POST', body: {} }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('/api/auth/password', { method: 'PUT', body: { currentPassword, newPassword } }),
  sessions: () => request<AccountSession[]>('/api/auth/sessions'),
  endSession: (id: string) => request<void>(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
