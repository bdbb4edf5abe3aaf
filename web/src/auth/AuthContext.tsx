import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi } from '../api/auth.js';
import { ApiError, onApiError } from '../api/client.js';
import type { Me } from '../api/types.js';
import { normaliseLang, storedLang, useI18n } from '../i18n/index.js';

interface AuthState {
  /** undefined while the first /api/auth/me is in flight. */
  me: Me | null | undefined;
  setMe(me: Me | null): void;
  refresh(): Promise<Me | null>;
  logout(): Promise<void>;
}

const Ctx = createContext<AuthState | null>(null);

/** Is the user through the second factor (or not asked for one)? */
export function mfaSatisfied(me: Me): boolean {
  return !me.mfaRequired || me.mfaVerified;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const { setLang } = useI18n();

  const refresh = useCallback(async () => {
    try {
      const m = await authApi.me();
      setMe(m);
      return m;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        setMe(null);
        return null;
      }
      setMe(null);
      return null;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The user's saved language applies when this browser has no choice of its own.
  useEffect(() => {
    const l = normaliseLang(me?.locale);
    if (me && l && !storedLang()) setLang(l);
  }, [me, setLang]);

  useEffect(
    () =>
      onApiError((e) => {
        if (e.code === 'unauthenticated' || e.code === 'session_expired') setMe(null);
        else if (['mfa_enrolment_required', 'mfa_required', 'password_change_required'].includes(e.code))
          void refresh();
      }),
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setMe(null);
    }
  }, []);

  const value = useMemo(() => ({ me, setMe, refresh, logout }), [me, refresh, logout]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user; only inside the protected layout. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
