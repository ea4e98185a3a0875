/**
 * DataTable text cells are cut to their column (an ellipsis by CSS) and carry the full
 * value as the hover title; numeric cells are left whole.
 */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DataTable } from '../../../renderer/src/components/data-table.js';

const ID = 'wrkspc_01ABCDEFGHJKMNPQRSTVWXYZ012345678';

describe('DataTable', () => {
  it('puts each text cell in a truncating span titled with the full value', () => {
    render(
      <DataTable
        caption="Spend by workspace"
        rows={[{ id: ID, usd: 12.5 }]}
        rowKey={(r) => r.id}
        columns={[
          { key: 'id', header: 'Workspace', cell: (r) => r.id },
          { key: 'label', header: 'Label', cell: (r) => <em>{r.id}</em>, text: (r) => `workspace ${r.id}` },
          { key: 'usd', header: 'Spend', cell: (r) => `$${r.usd}`, numeric: true },
        ]}
      />,
    );
    expect(ID).toHaveLength(40);
    const plain = screen.getByText(ID, { selector: 'span' });
    expect(plain.className).toBe('cell-truncate');
    expect(plain.getAttribute('title')).toBe(ID);
    const custom = screen.getByText(ID, { selector: 'em' }).parentElement!;
    expect(custom.getAttribute('title')).toBe(`workspace ${ID}`);
    const spend = screen.getByText('$12.5');
    expect(spend.tagName).toBe('TD');
    expect(spend.querySelector('.cell-truncate')).toBeNull();
  });
});
