import { useEffect, useState } from 'preact/hooks';
import { getJson, type JsonOf } from '../api/client';

export type ClusterImpact = JsonOf<'/api/v1/clusters/{slug}/impact'>;

/** A cluster's yearly impact series (null while loading) and whether loading it failed. */
export function useClusterImpact(slug: string): { impact: ClusterImpact | null; failed: boolean } {
  const [impact, setImpact] = useState<ClusterImpact | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    getJson('/api/v1/clusters/{slug}/impact', { path: { slug } }).then(setImpact, () => setFailed(true));
  }, [slug]);
  return { impact, failed };
}
