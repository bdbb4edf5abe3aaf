import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '../api/types.js';
import { useMe } from './AuthContext.js';

const KEY = 'transferone.role';

interface Workspace {
  /** The role whose workspace is open (a user may hold several). */
  role: Role;
  setRole(role: Role): void;
}

const Ctx = createContext<Workspace | null>(null);

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const [chosen, setChosen] = useState<string | null>(() => {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null;
    }
  });
  const role: Role = (me.roles as string[]).includes(chosen ?? '') ? (chosen as Role) : me.roles[0];
  const value = useMemo<Workspace>(
    () => ({
      role,
      setRole: (r) => {
        try {
          localStorage.setItem(KEY, r);
        } catch {
          /* ignore */
        }
        setChosen(r);
      },
    }),
    [role],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useWorkspace(): Workspace {
  const v = useContext(Ctx);
  if (!v) throw new Error('useWorkspace outside WorkspaceProvider');
  return v;
}
