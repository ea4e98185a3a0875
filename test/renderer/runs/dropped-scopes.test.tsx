/**
 * A remembered scope the server dropped is named with its reason; nothing shows when
 * none were dropped.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DroppedScopesNotice } from '../../../renderer/src/pages/workflows/dropped-scopes-notice';

afterEach(cleanup);

describe('dropped remembered scopes', () => {
  it('names each workflow, its old path and why it was dropped', () => {
    render(
      <DroppedScopesNotice
        dropped={[{ workflow: 'lint', path: 'src/old', reason: 'No such file or folder in the project: src/old' }]}
      />,
    );
    const notice = screen.getByTestId('dropped-scopes');
    expect(notice.textContent).toContain('lint');
    expect(notice.textContent).toContain('src/old');
    expect(notice.textContent).toContain('No such file or folder in the project: src/old');
    expect(notice.textContent).toContain('whole project');
  });

  it('renders nothing when no scope was dropped', () => {
    const { container } = render(<DroppedScopesNotice dropped={[]} />);
    expect(container.innerHTML).toBe('');
  });
});
