// A question before an action that cannot be undone, in a native modal <dialog>: the browser keeps the
// focus inside it, Escape cancels it, and the rest of the page is inert while it is open.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';

interface Props {
  open: boolean;
  id: string;
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ComponentChildren;
}

export function ConfirmDialog({ open, id, title, confirmLabel, onConfirm, onCancel, children }: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!open && element.open) {
      element.close();
      // Back to the button that asked, when it is still there (after a cancel it always is).
      if (opener.current?.isConnected) opener.current.focus();
    }
  }, [open]);

  return (
    <dialog ref={dialog} class="console-dialog" aria-labelledby={`${id}-title`}
      onCancel={(event) => { event.preventDefault(); onCancel(); }}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
      <p class="button-row">
        <button type="button" class="button button--danger" onClick={onConfirm}>{confirmLabel}</button>
        {/* Cancel has the focus first: Enter on an open question must not destroy anything. */}
        <button type="button" class="button" autoFocus onClick={onCancel}>{t('admin.confirm.cancel')}</button>
      </p>
    </dialog>
  );
}
