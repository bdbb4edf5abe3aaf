import { get, patch, post } from './client.js';
import type { LoginResult, Me, TotpEnrolment } from './types.js';

export const authApi = {
  me: () => get<Me>('/api/auth/me', undefined, { quiet: true }),
  login: (username: string, password: string) => post<LoginResult>('/api/auth/login', { username, password }),
  logout: () => post<unknown>('/api/auth/logout'),
  enrol: () => post<TotpEnrolment>('/api/auth/totp/enrol'),
  activate: (code: string) => post<{ me: Me }>('/api/auth/totp/activate', { code }),
  verify: (code: string) => post<{ me: Me }>('/api/auth/totp/verify', { code }),
  setLocale: (locale: string) => patch<unknown>('/api/auth/me', { locale }),
  reauth: (password: string) => post<unknown>('/api/auth/reauth', { password }),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<unknown>('/api/auth/password', { currentPassword, newPassword }),
  oidcStartUrl: '/api/auth/oidc/start',
};
