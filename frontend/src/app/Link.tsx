import type { ComponentChildren, JSX } from 'preact';
import { navigate } from './store';
import { parseUrl, toUrl, type AppState } from './url-state';

type Props = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: (state: AppState) => AppState;
  state: AppState;
  children: ComponentChildren;
};

/** A real link (works with a middle click and a screen reader) that navigates inside the SPA. */
export function Link({ to, state, children, ...rest }: Props) {
  const target = to(state);
  const href = toUrl(target);
  function onClick(event: MouseEvent) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(parseUrl(href, target.lang));
    scrollTo(0, 0);
  }
  return <a {...rest} href={href} onClick={onClick}>{children}</a>;
}

export const toEnterprise = (slug: string) => (s: AppState): AppState => ({ ...s, route: { name: 'enterprise', slug } });
export const toMap = (s: AppState): AppState => ({ ...s, route: { name: 'map' } });
