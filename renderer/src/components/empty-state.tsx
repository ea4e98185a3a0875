/**
 * What a list or panel shows when it has nothing: a title saying so, a sentence saying
 * what to do about it, and optionally the action itself. Never a blank area.
 */
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}

export function EmptyState({ title, children, action, testId }: EmptyStateProps) {
  return (
    <div className="empty" data-testid={testId}>
      <p className="empty__title">{title}</p>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}
