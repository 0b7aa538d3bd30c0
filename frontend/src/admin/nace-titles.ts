// NACE's titles (their own ~165 kB chunk) for the views that show sectors in words: loaded once, then
// the view re-renders and words.ts names each code.
import { useEffect, useState } from 'preact/hooks';
import { loadNace } from '../taxonomies/labels';
import { setNaceTitles } from './words';

let loaded = false;

export function useNaceTitles(): boolean {
  const [ready, setReady] = useState(loaded);
  useEffect(() => {
    if (loaded) return;
    loadNace().then((titles) => {
      setNaceTitles(titles);
      loaded = true;
      setReady(true);
    }, () => undefined);
  }, []);
  return ready;
}
