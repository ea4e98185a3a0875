/**
 * A surface grouping one topic: optional title, subtitle and header actions. Renders a
 * <section> labelled by its title so each card is a landmark-free, navigable region.
 */
import { useId, type ReactNode } from 'react';

export interface CardProps {
  title?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  className?: string;
  children?: ReactNode;
  /** Heading level of the title (default 2). */
  level?: 2 | 3;
  testId?: string;
}

export function Card({ title, subtitle, actions, className, children, level = 2, testId }: CardProps) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section
      className={['card', className].filter(Boolean).join(' ')}
      aria-labelledby={title ? id : undefined}
      data-testid={testId}
    >
      {(title || actions) && (
        <div className="card__head">
          <div>
            {title && (
              <Heading id={id} className="card__title">
                {title}
              </Heading>
            )}
            {subtitle && <p className="card__sub">{subtitle}</p>}
          </div>
          {actions && <div className="row">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}
