/** An evidence kind in the reader's language; a kind this UI does not know (a newer server's) is shown as sent. */
import { lifecycleStrings } from '../i18n/lifecycle.js';
import { useStrings } from '../i18n/strings.js';
import { EVIDENCE_KINDS } from './api.js';

export function useEvidenceKindLabel(): (kind: string) => string {
  const t = useStrings(lifecycleStrings);
  return (kind) => ((EVIDENCE_KINDS as readonly string[]).includes(kind) ? t(`evk.${kind}` as never) : kind);
}
