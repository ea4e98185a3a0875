/**
 * Buttons and button-looking links. Always real <button>/<a> elements so keyboard and
 * screen readers work; `busy` shows a spinner and blocks double submits while keeping
 * the label (and so the width) in place.
 */
import type { AnchorHTMLAttributes, ButtonHTMLAttributes, ReactNode } from 'react';
import { Spinner } from './spinner';

export type ButtonVariant = 'default' | 'primary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  small?: boolean;
  busy?: boolean;
  children: ReactNode;
}

export function buttonClass(variant: ButtonVariant = 'default', small = false, extra?: string): string {
  return ['btn', variant !== 'default' && `btn--${variant}`, small && 'btn--small', extra].filter(Boolean).join(' ');
}

export function Button({
  variant = 'default',
  small = false,
  busy = false,
  className,
  children,
  disabled,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={buttonClass(variant, small, className)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy && <Spinner label="" />}
      {children}
    </button>
  );
}

export interface ButtonLinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  variant?: ButtonVariant;
  small?: boolean;
  children: ReactNode;
}

/** A link styled as a button (downloads, exports, external navigation). */
export function ButtonLink({ variant = 'default', small = false, className, children, ...rest }: ButtonLinkProps) {
  return (
    <a {...rest} className={buttonClass(variant, small, className)}>
      {children}
    </a>
  );
}
