/**
 * Receipts and evidence bundles, to carry away and check offline with
 * `annex receipt check` (src/ledger/receipt.ts, receipt-bundle.ts).
 */
import { PUBLIC } from '../../policy/route.js';
import { openEvidenceBundle } from '../../services/bundle.js';
import type { Services } from '../../services/context.js';
import { getReceipt } from '../../services/receipts.js';
import { evidenceParams } from './evidence.schema.js';
import type { ZodApp } from './index.js';
import { entryParams, waitQuery } from './receipts.schema.js';

const tags = ['log'];

export function receiptRoutes(app: ZodApp, s: Services): void {
  // PUBLIC, deliberately: a receipt holds the entry bytes, an inclusion proof
  // and the published checkpoint, all of which anyone can already read at
  // /log/tile/entries/… and /log/tile/… (an entry whose body is not public is
  // in the log only as its salted commitment, "sealed"). Any caller may see
  // every entry, so any caller may have the receipt of any entry.
  app.get('/api/entries/:index/receipt', {
    config: { policy: PUBLIC },
    schema: {
      tags, params: entryParams, querystring: waitQuery,
      summary: 'Receipt of a log entry (C2SP tlog-proof), for offline checking with annex receipt check',
      description: 'text/plain: c2sp.org/tlog-proof@v1, the entry on the "extra" line, its index and inclusion proof, and the latest published checkpoint. '
        + '?wait=SECONDS waits for a published checkpoint covering the entry; 503 when none covers it (yet), 404 when the log has no such entry.',
    },
  }, async (req, reply) => {
    const r = await getReceipt(s, req.params.index, req.query.wait ?? 0);
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="${r.index}-${r.type}.tlog-proof"`)
      // A later receipt of the same entry may carry a larger checkpoint; both stay valid.
      .header('cache-control', 'no-cache')
      .send(r.text);
  });

  app.get('/api/evidence/:id/bundle', {
    config: { policy: PUBLIC },
    schema: {
      tags: ['evidence'], params: evidenceParams, querystring: waitQuery,
      summary: 'The evidence file with the receipts of its lodging and custody entries, as one tar archive (a signed-in download is recorded)',
      description: 'Access as for /content. ?wait=SECONDS also waits until the download this records is covered by a published checkpoint.',
    },
  }, async (req, reply) => {
    const bundle = await openEvidenceBundle(s, req.viewer, req.params.id, { waitSeconds: req.query.wait ?? 0, head: req.method === 'HEAD' });
    reply.headers(bundle.headers);
    return bundle.stream ? reply.send(bundle.stream) : reply.send();
  });
}
