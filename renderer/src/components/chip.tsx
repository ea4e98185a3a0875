/**
 * Chips: small labels (a concern, a status, a lifecycle bucket). A chip with `onClick`
 * is a toggle button (`pressed` → aria-pressed), used for filters; otherwise a span.
 */
import type { ReactNode } from 'react';

export type ChipTone = 'neutral' | 'ok' | 'warn' | 'error' | 'info' | 'accent';

export interface ChipProps {
  tone?: ChipTone;
  children: ReactNode;
  count?: number;
  onClick?: () => void;
  pressed?: boolean;
  title?: string;
}

export function Chip({ tone = 'neutral', children, count, onClick, pressed, title }: ChipProps) {
  const className = ['chip', tone !== 'neutral' && `chip--${tone}`].filter(Boolean).join(' ');
  const body = (
    <>
      {children}
      {count !== undefined && <span className="chip__count">{count}</span>}
    </>
  );
  if (onClick) {
    return (
      <button type="button" className={className} onClick={onClick} aria-pressed={pressed ?? false} title={title}>
        {body}
      </button>
    );
  }
  return (
    <span className={className} title={title}>
      {body}
    </span>
  );
}
