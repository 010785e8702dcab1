/**
 * The witness policy: which witnesses the server asks for cosignatures and
 * which of them make a checkpoint published. The file format is C2SP
 * tlog-policy (https://c2sp.org/tlog-policy, after Sigsum's policy file):
 *
 *   log <vkey> [<url>]                       §Defining a log
 *   witness <name> <vkey> [<url>]            §Defining a witness (url: its tlog-witness submission prefix)
 *   group <name> all|any|<k> <member>...     §Defining a witness group
 *   quorum <name>|none                       §Defining the quorum
 *
 * Annex's demo policy, "both parties and at least one mediator":
 *   group parties all PAK IND
 *   group mediators any UN OSCE
 *   group published all parties mediators
 *   quorum published
 *
 * Parsing is pure (crypto passed in) and every error names its line.
 */
import { toHex } from '../ledger/bytes.js';
import { parseCosignerVerifierKey, type CosignatureVerifier } from '../ledger/cosignature.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { parseVerifierKey, type Ed25519NoteVerifier } from '../ledger/note.js';

export interface PolicyLog {
  readonly vkey: string;
  readonly url: string | undefined;
  readonly verifier: Ed25519NoteVerifier;
}

export interface PolicyWitness {
  /** Policy-local name (§Defining a witness): used only by groups and the quorum line. */
  readonly name: string;
  readonly vkey: string;
  /** The witness's C2SP tlog-witness submission prefix. */
  readonly url: string | undefined;
  readonly verifier: CosignatureVerifier;
}

export type QuorumRule =
  | { readonly kind: 'none' }
  | { readonly kind: 'witness'; readonly name: string }
  | { readonly kind: 'group'; readonly name: string; readonly threshold: number; readonly members: readonly QuorumRule[] };

export interface WitnessPolicy {
  readonly logs: readonly PolicyLog[];
  readonly witnesses: readonly PolicyWitness[];
  readonly quorum: QuorumRule;
}

/** A policy file that does not parse; `line` is 1-based (0: the file as a whole). */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(readonly line: number, readonly reason: string, readonly source = 'witness policy') {
    super(line > 0 ? `${source} line ${line}: ${reason}` : `${source}: ${reason}`);
  }
}

/** §Implementation limits: "at least up to 32 logs, 32 witnesses, and 32 groups". */
export const POLICY_LIMIT = 64;
const MAX_POLICY_BYTES = 1 << 20;
/** §Character set: tab, newline, 0x20-0x7E and 0x80 up; nothing else. */
const BAD_CHAR = /[\u0000-\u0008\u000b-\u001f\u007f]/;
/** §Structure: items are separated by ASCII spaces and tabs only. */
const WHITESPACE = /[ \t]+/;
const DECIMAL = /^[1-9][0-9]*$/;

export function parseWitnessPolicy(crypto: LedgerCrypto, text: string, source?: string): WitnessPolicy {
  const logs: PolicyLog[] = [];
  const witnesses: PolicyWitness[] = [];
  const names = new Map<string, QuorumRule>();
  const logKeys = new Set<string>();
  const witnessKeys = new Set<string>();
  let groups = 0;
  let quorum: QuorumRule | undefined;
  if (text.length > MAX_POLICY_BYTES) throw new PolicyError(0, 'file too large', source);

  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const fail = (reason: string): never => {
      throw new PolicyError(line, reason, source);
    };
    const bad = BAD_CHAR.exec(raw);
    if (bad) fail(`control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} (only tab and newline are allowed)`);
    const items = raw.trim().split(WHITESPACE);
    const keyword = items[0] ?? '';
    if (keyword === '' || keyword.startsWith('#')) return;
    const define = (name: string, rule: QuorumRule): void => {
      if (name === 'none') fail('"none" is predefined and cannot be redefined');
      if (names.has(name)) fail(`${JSON.stringify(name)} is already defined (witnesses and groups share one namespace)`);
      names.set(name, rule);
    };
    const url = (value: string | undefined): string | undefined => {
      if (value === undefined) return undefined;
      let u: URL;
      try {
        u = new URL(value);
      } catch {
        return fail(`${JSON.stringify(value.slice(0, 100))} is not a URL`);
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') fail(`URL ${JSON.stringify(value.slice(0, 100))} must be http or https`);
      return value.replace(/\/+$/, '');
    };
    const key = <T>(what: string, parse: () => T): T => {
      try {
        return parse();
      } catch (e) {
        return fail(`${what}: ${(e as Error).message}`);
      }
    };

    switch (keyword) {
      case 'log': {
        if (items.length < 2 || items.length > 3) fail('expected "log <vkey> [<url>]"');
        const verifier = key('log key', () => parseVerifierKey(crypto, items[1]!));
        const id = toHex(verifier.publicKey);
        if (logKeys.has(id)) fail('duplicate log key (§Defining a log: not allowed)');
        logKeys.add(id);
        logs.push({ vkey: items[1]!, url: url(items[2]), verifier });
        if (logs.length > POLICY_LIMIT) fail(`more than ${POLICY_LIMIT} logs`);
        return;
      }
      case 'witness': {
        if (items.length < 3 || items.length > 4) fail('expected "witness <name> <vkey> [<url>]"');
        const name = items[1]!;
        const verifier = key(`witness ${name} key`, () => parseCosignerVerifierKey(crypto, items[2]!));
        const id = toHex(verifier.publicKey);
        if (witnessKeys.has(id)) fail(`witness ${name} has the key of an earlier witness (§Defining a witness: duplicates are not allowed)`);
        witnessKeys.add(id);
        define(name, { kind: 'witness', name });
        witnesses.push({ name, vkey: items[2]!, url: url(items[3]), verifier });
        if (witnesses.length > POLICY_LIMIT) fail(`more than ${POLICY_LIMIT} witnesses`);
        return;
      }
      case 'group': {
        if (items.length < 4) fail('expected "group <name> all|any|<k> <member>..." with at least one member');
        const [, name, k, ...memberNames] = items as [string, string, string, ...string[]];
        const seen = new Set<string>();
        const members = memberNames.map((m) => {
          if (m === 'none') fail('"none" cannot be a group member');
          const rule = names.get(m);
          if (!rule) fail(`unknown member ${JSON.stringify(m)} (define witnesses and groups on earlier lines)`);
          if (seen.has(m)) fail(`member ${JSON.stringify(m)} is listed twice`);
          seen.add(m);
          return rule!;
        });
        const n = members.length;
        let threshold: number;
        if (k === 'all') threshold = n;
        else if (k === 'any') threshold = 1;
        else if (DECIMAL.test(k) && Number(k) <= n) threshold = Number(k);
        else return fail(`threshold ${JSON.stringify(k)} must be all, any, or a decimal from 1 to ${n}`);
        define(name, { kind: 'group', name, threshold, members });
        if (++groups > POLICY_LIMIT) fail(`more than ${POLICY_LIMIT} groups`);
        return;
      }
      case 'quorum': {
        if (items.length !== 2) fail('expected "quorum <name>"');
        if (quorum) fail('a second quorum line (exactly one is required)');
        const name = items[1]!;
        quorum = name === 'none' ? { kind: 'none' } : names.get(name);
        if (!quorum) fail(`unknown name ${JSON.stringify(name)} (define it on an earlier line, or use "none")`);
        return;
      }
      default:
        fail(`unknown keyword ${JSON.stringify(keyword.slice(0, 40))} (expected log, witness, group or quorum)`);
    }
  });
  if (!quorum) throw new PolicyError(0, 'no quorum line (exactly one is required)', source);
  return { logs, witnesses, quorum };
}

/** §Defining a witness group: a group witnesses a checkpoint when at least k of its members did. */
export function quorumMet(rule: QuorumRule, cosigned: ReadonlySet<string>): boolean {
  switch (rule.kind) {
    case 'none':
      return true;
    case 'witness':
      return cosigned.has(rule.name);
    case 'group':
      return rule.members.filter((m) => quorumMet(m, cosigned)).length >= rule.threshold;
  }
}

/**
 * The fewest cosignatures that can meet the rule (3 for "both parties and one
 * mediator"), e.g. for `annex audit --quorum`. Exact when no witness is in two
 * groups; otherwise it may overcount.
 */
export function minimumCosigners(rule: QuorumRule): number {
  switch (rule.kind) {
    case 'none':
      return 0;
    case 'witness':
      return 1;
    case 'group': {
      const needs = rule.members.map(minimumCosigners).sort((a, b) => a - b);
      return needs.slice(0, rule.threshold).reduce((a, b) => a + b, 0);
    }
  }
}

/** The policy names of the witnesses among `cosigners` (verified signatures, matched by key name and key ID). */
export function policyCosigners(policy: WitnessPolicy, cosigners: ReadonlyArray<{ readonly name: string; readonly keyId: number }>): Set<string> {
  const names = new Set<string>();
  for (const c of cosigners) {
    const w = policy.witnesses.find((p) => p.verifier.name === c.name && p.verifier.keyId === c.keyId);
    if (w) names.add(w.name);
  }
  return names;
}

/** The quorum rule in words, for messages: "all of (all of AFG PAK) (any of TUR QAT)". */
export function describeQuorum(rule: QuorumRule, top = true): string {
  switch (rule.kind) {
    case 'none':
      return 'none';
    case 'witness':
      return rule.name;
    case 'group': {
      const k = rule.threshold === rule.members.length ? 'all' : rule.threshold === 1 ? 'any' : String(rule.threshold);
      const inner = `${rule.name}: ${k} of ${rule.members.map((m) => describeQuorum(m, false)).join(' ')}`;
      return top ? inner : `(${inner})`;
    }
  }
}

/** Why `cosigners` do not meet the policy's quorum, or undefined when they do. */
export function quorumProblem(policy: WitnessPolicy, cosigners: ReadonlyArray<{ readonly name: string; readonly keyId: number }>): string | undefined {
  const names = policyCosigners(policy, cosigners);
  if (quorumMet(policy.quorum, names)) return undefined;
  return `cosigned by ${names.size > 0 ? [...names].sort().join(', ') : 'no policy witness'}: the policy's quorum (${describeQuorum(policy.quorum)}) is not met`;
}
