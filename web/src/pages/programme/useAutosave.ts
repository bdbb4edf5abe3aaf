/**
 * Debounced autosave of an application draft. Nothing typed is lost: every change is first kept in
 * localStorage, then sent; a lost connection retries with back-off, a version conflict stops and asks,
 * and the local copy is cleared only once the server has stored exactly what was typed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { applicationsApi } from '../../api/programme.js';
import type { SaveResult } from '../../api/types.js';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'unsent' | 'conflict' | 'error';

interface Local {
  content: Record<string, unknown>;
  leadUserId?: string | null;
  baseVersion: number;
  at: string;
}

const keyOf = (id: string) => `transferone.applicationDraft.${id}`;

export function readLocalDraft(id: string): Local | null {
  try {
    const s = localStorage.getItem(keyOf(id));
    return s ? (JSON.parse(s) as Local) : null;
  } catch {
    return null;
  }
}

export function clearLocalDraft(id: string) {
  try {
    localStorage.removeItem(keyOf(id));
  } catch {
    /* storage unavailable */
  }
}

export function useAutosave(id: string, version: number, onSaved: (r: SaveResult) => void, delay = 800) {
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [retryIn, setRetryIn] = useState(0);
  const versionRef = useRef(version);
  const pending = useRef<{ content: Record<string, unknown>; leadUserId?: string | null } | null>(null);
  const inflight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const retryTimer = useRef<ReturnType<typeof setInterval>>(undefined);
  const attempts = useRef(0);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  useEffect(() => {
    versionRef.current = Math.max(versionRef.current, version);
  }, [version]);

  const keepLocal = useCallback(() => {
    if (!pending.current) return;
    try {
      localStorage.setItem(
        keyOf(id),
        JSON.stringify({ ...pending.current, baseVersion: versionRef.current, at: new Date().toISOString() }),
      );
    } catch {
      /* storage full or unavailable: the page still holds the values */
    }
  }, [id]);

  const flush = useCallback(
    async (force = false): Promise<void> => {
      clearTimeout(timer.current);
      const sent = pending.current;
      if (!sent || inflight.current) return;
      inflight.current = true;
      setState('saving');
      try {
        const r = await applicationsApi.saveDraft(
          id,
          sent.content,
          force ? undefined : versionRef.current,
          sent.leadUserId,
        );
        versionRef.current = r.application.version;
        attempts.current = 0;
        setError(undefined);
        setSavedAt(r.application.updatedAt);
        if (pending.current === sent) {
          pending.current = null;
          clearLocalDraft(id);
          setState('saved');
        } else {
          keepLocal();
          setState('pending');
        }
        onSavedRef.current(r);
      } catch (e) {
        setError(e);
        const status = e instanceof ApiError ? e.status : 0;
        if (status === 409) setState('conflict');
        else if (status === 0 || status >= 500 || status === 429) {
          setState('unsent');
          attempts.current += 1;
          let left = Math.min(30, 2 ** attempts.current * 2);
          setRetryIn(left);
          clearInterval(retryTimer.current);
          retryTimer.current = setInterval(() => {
            left -= 1;
            setRetryIn(left);
            if (left <= 0) {
              clearInterval(retryTimer.current);
              void flush();
            }
          }, 1000);
        } else setState('error');
      } finally {
        inflight.current = false;
      }
      if (pending.current && pending.current !== sent) timer.current = setTimeout(() => void flush(), delay);
    },
    [id, delay, keepLocal],
  );

  /** A change: keep it locally at once, send it after a pause in typing. */
  const change = useCallback(
    (content: Record<string, unknown>, leadUserId?: string | null) => {
      pending.current = { content, ...(leadUserId !== undefined ? { leadUserId } : {}) };
      keepLocal();
      setState((s) => (s === 'conflict' || s === 'unsent' ? s : 'pending'));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delay);
    },
    [delay, flush, keepLocal],
  );

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      clearInterval(retryTimer.current);
    },
    [],
  );

  // leaving the page with unsent changes: the local copy stays, the browser asks
  useEffect(() => {
    const h = (e: BeforeUnloadEvent) => {
      if (pending.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', h);
    return () => window.removeEventListener('beforeunload', h);
  }, []);

  return {
    state,
    savedAt,
    error,
    retryIn,
    change,
    flush,
    hasPending: () => pending.current !== null,
    setVersion: (v: number) => (versionRef.current = v),
  };
}
