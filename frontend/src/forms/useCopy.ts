// "Copy" buttons (a token, a share link, the embed code): the clipboard write and the message a
// status line announces afterwards, said the same way everywhere.
import { useState } from 'preact/hooks';
import { useI18n, type MessageKey } from '../i18n';

/** [the message to announce, copy(text) → whether it reached the clipboard]. */
export function useCopy(copied: MessageKey, failed: MessageKey): [string, (text: string) => Promise<boolean>] {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  async function copy(text: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(text);
      setMessage(t(copied));
      return true;
    } catch {
      setMessage(t(failed));
      return false;
    }
  }
  return [message, copy];
}
