import { request } from './client';

export interface User {
  id: string;
  username: string;
  createdAt?: string;
}

export const authApi = {
  me: () => request<User>('/api/auth/me'),
  login: (username: string, password: string) =>
    request<{ user: User }>('/api/auth/login', { method: 'POST', body: { username, password } }),
  register: (username: string, password: string) =>
    request<{ user: User }>('/api/auth/register', { method: 'POST', body: { username, password } }),
  logout: () => request<void>('/api/auth/logout', { method: 'POST', body: {} }),
};
