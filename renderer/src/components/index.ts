/**
 * The shared UI kit. Pages import from here; the classes live in styles/ (buttons, panels,
 * badges, loading, tables, tiles, forms .css), imported in order from main.tsx.
 */
export { Banner, type BannerTone } from './banner';
export { Button, ButtonLink, buttonClass, type ButtonVariant } from './button';
export { Card } from './card';
export { Chip, type ChipTone } from './chip';
export { DataTable, type Column } from './data-table';
export { EmptyState } from './empty-state';
export {
  formatCount,
  formatDay,
  formatDuration,
  formatExact,
  formatPercent,
  formatRelative,
  formatUsd,
} from './format';
export { Link } from './link';
export { Money } from './money';
export { RelativeTime } from './relative-time';
export { SortHeader, type TableSort } from './sort-header';
export { Skeleton, Spinner } from './spinner';
export { useNow } from './use-now';
export { AdminKeyForm } from './admin-key-form';
