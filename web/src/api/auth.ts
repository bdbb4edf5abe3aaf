/** /api/auth/**: sign-in, TOTP, locale, password (server/src/modules/identity). */
import { api, call } from './client.js';

export const authApi = {
  /** who is signed in, or null: /api/auth/session answers 200 either way (no 401 in the console) */
  me: async () => (await call(api.GET('/api/auth/session'), { quiet: true })).me,
  login: (username: string, password: string) =>
    call(api.POST('/api/auth/login', { body: { username, password } })),
  logout: () => call(api.POST('/api/auth/logout')),
  enrol: () => call(api.POST('/api/auth/totp/enrol')),
  activate: (code: string) => call(api.POST('/api/auth/totp/activate', { body: { code } })),
  verify: (code: string) => call(api.POST('/api/auth/totp/verify', { body: { code } })),
  setLocale: (locale: 'zh-CN' | 'en') => call(api.PATCH('/api/auth/me', { body: { locale } })),
  reauth: (password: string) => call(api.POST('/api/auth/reauth', { body: { password } })),
  changePassword: (currentPassword: string, newPassword: string) =>
    call(api.POST('/api/auth/password', { body: { currentPassword, newPassword } })),
  requestPasswordReset: (account: string) =>
    call(api.POST('/api/auth/password-reset', { body: { account } })),
  confirmPasswordReset: (token: string, newPassword: string) =>
    call(api.POST('/api/auth/password-reset/confirm', { body: { token, newPassword } })),
  oidcStatus: () => call(api.GET('/api/auth/oidc/status'), { quiet: true }),
  oidcStartUrl: '/api/auth/oidc/start' satisfies keyof import('./schema.js').paths,
};
