#!/usr/bin/env node
/** The `annex` command line. Exit codes: 0 ok, 1 verification failed, 2 usage or I/O error. */
import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { VerificationError } from '../ledger/errors.js';
import { formatReport, runAudit, UsageError } from './audit-command.js';
import { generateKeys } from './keys-command.js';
import { registerVerifyCommand, VerifyFailedError } from './verify-command.js';
import { registerAdminCommands } from './admin-commands.js';
import { registerServeCommand } from './serve-command.js';
import { registerWitnessCommand } from './witness-command.js';
import { registerReceiptCommands } from './receipt-command.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const count = (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
};

export function buildProgram(): Command {
  const program = new Command()
    .name('annex')
    .description('Annex: ceasefire monitoring and verification ledger')
    .version('0.1.0')
    // Set before adding subcommands so they inherit it: errors reach main()
    // instead of calling process.exit, and map to the documented exit codes.
    .exitOverride();

  program
    .command('audit')
    .description('audit a C2SP tlog-tiles log (a directory or an http(s) base URL) without trusting its server')
    .argument('<dir-or-url>', 'log prefix: directory holding checkpoint and tile/, or base URL')
    .option('--vkey <key>', 'log verifier key (or @file); repeat for several', collect, [])
    .option('--witness-vkey <key>', 'witness cosigner verifier key (or @file); repeat', collect, [])
    .option('--quorum <n>', 'cosignatures required (default: every witness key given)', count)
    .option('--witness-policy <file>', "a C2SP tlog-policy file: its witnesses' cosignatures must meet its quorum (its log lines give the key when --vkey is omitted)")
    .option('--checkpoint <file>', 'an older checkpoint you kept, checked for consistency; repeat', collect, [])
    .option('--origin <origin>', 'expected checkpoint origin (default: the log key name)')
    .option('--json', 'print the report as JSON')
    .action(async (target: string, opts) => {
      const report = await runAudit(target, opts);
      console.log(opts.json ? JSON.stringify(report, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v), 2) : formatReport(report));
    });

  const keys = program.command('keys').description('manage signing keys');
  keys
    .command('generate')
    .description('generate an Ed25519 signed-note key pair (prints the verifier key; writes the signer key to a file)')
    .argument('<name>', 'key name, e.g. annex.example/log')
    .option('--cosigner', 'a witness cosigner key (C2SP tlog-cosignature, type 0x04)')
    .requiredOption('--out <file>', 'file to write the private signer key to (mode 0600)')
    .action(async (name: string, opts: { cosigner?: boolean; out: string }) => {
      const { skey, vkey } = generateKeys(name, Boolean(opts.cosigner));
      await writeFile(opts.out, `${skey}\n`, { mode: 0o600, flag: 'wx' });
      console.log(vkey);
    });

  registerVerifyCommand(program);
  registerAdminCommands(program);
  registerServeCommand(program);
  registerWitnessCommand(program);
  registerReceiptCommands(program);

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof VerifyFailedError) return 1; // the report, naming each problem, is already printed
    if (e instanceof VerificationError) {
      console.error(`FAILED [${e.code}] ${e.message}`);
      return 1;
    }
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      // commander has already printed help/version or the usage error.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err.code === 'EEXIST') {
      console.error(`error: ${err.message}`);
      return 2;
    }
    console.error(`error: ${err.message ?? String(e)}`);
    return 2;
  }
}
