// The frame a wide table scrolls in on a narrow screen. It can take the focus (and is a named region) so
// that a keyboard user can scroll it too, even when no cell holds a link or a button.
import type { ComponentChildren } from 'preact';

export function TableFrame({ label, children }: { label: string; children: ComponentChildren }) {
  return <div class="console-table-wrap" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}
