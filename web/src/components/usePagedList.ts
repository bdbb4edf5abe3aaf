import { useCallback, useEffect, useState } from 'react';
import type { Query } from '../api/client.js';
import type { Page } from '../api/types.js';

/** Paged list state for a table: filters, page, the last answer and its error. */
export function usePagedList<T>(load: (q: Query) => Promise<Page<T>>, initialPageSize = 20) {
  const [filters, setFilters] = useState<Query>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const [data, setData] = useState<Page<T>>({ total: 0, items: [] });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    load({ ...filters, page, pageSize })
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
      })
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // `load` is a stable module function at every call site
  }, [filters, page, pageSize, tick]);

  const search = useCallback((f: Query) => {
    setFilters(f);
    setPage(1);
  }, []);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const onPage = useCallback((p: number, s: number) => {
    setPage(p);
    setPageSize(s);
  }, []);
  return { data, loading, error, page, pageSize, search, reload, onPage };
}
