/**
 * A message strip for conditions the user should know about: info, warn or error, with a
 * title, a sentence saying what to do, and optional actions. Errors are announced to
 * assistive technology (role="alert"); the others politely (role="status").
 */
import type { ReactNode } from 'react';

export type BannerTone = 'info' | 'warn' | 'error';

const ICONS: Record<BannerTone, string> = { info: 'i', warn: '!', error: '×' };

export interface BannerProps {
  tone: BannerTone;
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}

export function Banner({ tone, title, children, actions, testId }: BannerProps) {
  return (
    <div className={`banner banner--${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <span className="banner__icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      <div className="banner__body">
        {title && <div className="banner__title">{title}</div>}
        {children && <div>{children}</div>}
      </div>
      {actions && <div className="banner__actions">{actions}</div>}
    </div>
  );
}
