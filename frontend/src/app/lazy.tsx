import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A page whose code loads when it is first shown, as its own chunk: the map's first visit does not
 * download the admin console, the members' area or the buyer-match.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyPage(props: P) {
    const [page, setPage] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (page) return;
      pending ??= load();
      void pending.then((component) => {
        loaded = component;
        setPage(() => component);
      });
    }, []);
    return page ? h(page, props) : null;
  };
}
