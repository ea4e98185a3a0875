/**
 * An in-app link: a real <a href> (so open-in-new-tab, copy link and keyboard work) that
 * navigates through the History API on a plain left click. `aria-current="page"` marks
 * the active navigation entry.
 */
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { navigate } from '../app/navigation';

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  current?: boolean;
  children: ReactNode;
}

export function Link({ to, current, children, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a {...rest} href={to} onClick={handle} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
