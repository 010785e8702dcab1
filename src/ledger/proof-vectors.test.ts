// Every RFC 9162 proof probe from transparency-dev/merkle (../shared/vectors/)
// must give the expected verdict: valid ones verify, wantErr ones are rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { listJson, parseVectorJson, readVector, vectorPath } from '../../test/support/vectors.js';
import { fromBase64, fromHex, toHex } from './bytes.js';
import { nodeCrypto } from './crypto-node.js';
import { nobleCrypto } from './crypto-noble.js';
import { VerificationError } from './errors.js';
import { MerkleHasher } from './hasher.js';
import { CompactTree } from './merkle.js';
import { verifyConsistency, verifyInclusion, verifySubtreeConsistency, verifySubtreeInclusion } from './proof-verify.js';

type Probe = Record<string, unknown> & { desc: string; wantErr: boolean; proof: string[] | null };

/** Vector numbers: JSON numbers, or exact decimal strings beyond 2^53 (kept as strings, which the verifier must reject). */
function num(v: unknown): number {
  return typeof v === 'string' ? Number(v) : (v as number);
}
const b64 = (s: unknown): Uint8Array => fromBase64(String(s ?? ''), 4096);

const suites: Record<string, (h: MerkleHasher, p: Probe) => void> = {
  inclusion: (h, p) => verifyInclusion(h, num(p.leafIdx), num(p.treeSize), b64(p.leafHash), (p.proof ?? []).map(b64), b64(p.root)),
  consistency: (h, p) => verifyConsistency(h, num(p.size1), num(p.size2), (p.proof ?? []).map(b64), b64(p.root1), b64(p.root2)),
  subtreeinclusion: (h, p) =>
    verifySubtreeInclusion(h, num(p.leafIdx), num(p.start), num(p.end), b64(p.leafHash), (p.proof ?? []).map(b64), b64(p.root)),
  subtreeconsistency: (h, p) =>
    verifySubtreeConsistency(h, num(p.start), num(p.end), num(p.size), (p.proof ?? []).map(b64), b64(p.root1), b64(p.root2)),
};

for (const crypto of [nodeCrypto, nobleCrypto]) {
  const hasher = new MerkleHasher(crypto);
  for (const [suite, run] of Object.entries(suites)) {
    test(`transparency-dev ${suite} vectors (${crypto.name})`, () => {
      const dir = vectorPath('transparency-dev-merkle', 'testdata', suite);
      const files = listJson(dir);
      assert.ok(files.length > 20, `expected many ${suite} vectors, found ${files.length}`);
      let rejected = 0;
      for (const file of files) {
        const probe = parseVectorJson(readFileSync(file, 'utf8')) as Probe;
        const name = relative(dir, file);
        let error: unknown;
        try {
          run(hasher, probe);
        } catch (e) {
          error = e;
        }
        if (probe.wantErr) {
          assert.ok(error instanceof VerificationError, `${name} (${probe.desc}) must be rejected with a VerificationError, got ${String(error)}`);
          rejected++;
        } else {
          assert.equal(error, undefined, `${name} (${probe.desc}) must verify: ${String(error)}`);
        }
      }
      assert.ok(rejected > 0);
    });
  }

  test(`reference tree roots and nodes for sizes 0..8 (${crypto.name})`, () => {
    const ref = JSON.parse(readVector('transparency-dev-merkle', 'reference-tree.json')) as {
      leaf_inputs_hex: string[];
      root_hashes_hex_by_size: string[];
      node_hashes_hex_by_level: string[][];
    };
    const tree = CompactTree.empty(hasher);
    const nodes = new Map<string, string>();
    assert.equal(toHex(tree.root()), ref.root_hashes_hex_by_size[0]);
    ref.leaf_inputs_hex.forEach((hex, i) => {
      tree.append(hasher.hashLeaf(fromHex(hex)), (level, index, h) => nodes.set(`${level}/${index}`, toHex(h)));
      assert.equal(toHex(tree.root()), ref.root_hashes_hex_by_size[i + 1], `root of size ${i + 1}`);
    });
    ref.node_hashes_hex_by_level.forEach((level, l) =>
      level.forEach((hex, i) => assert.equal(nodes.get(`${l}/${i}`), hex, `node ${l}/${i}`)),
    );
  });
}
