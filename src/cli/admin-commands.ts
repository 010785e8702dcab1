/**
 * Setting up a workspace without the demo, from the command line:
 * `annex init`, `annex orgs add`, `annex users add`, `annex keys list`.
 * Each statement is a ledger entry made by the secretariat ('system' user),
 * exactly as through the API.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Option, type Command } from 'commander';
import { ORG_KINDS, ROLES, type OrgKind, type Role } from '../domain/visibility.js';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { verifierKeyFromSigner } from '../ledger/note.js';
import { addUser, createWorkspace, registerOrganisation } from '../services/workspace.js';
import { UsageError } from './audit-command.js';
import { openDataDir } from './open-data.js';

const DEFAULT_DATA = './annex-data';

/** Runs `fn` on the opened data directory, closing it afterwards. */
async function withData<T>(data: string, fn: (o: Awaited<ReturnType<typeof openDataDir>>) => Promise<T>): Promise<T> {
  const opened = await openDataDir(data);
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

function roles(value: string): Role[] {
  const list = value.split(',').map((r) => r.trim()).filter(Boolean);
  const bad = list.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length > 0 || list.length === 0) throw new UsageError(`--roles: use some of ${ROLES.join(', ')}`);
  return list as Role[];
}

export function registerAdminCommands(program: Command): void {
  program
    .command('init')
    .description('create an empty workspace (no demo data): the secretariat registers itself')
    .requiredOption('--name <name>', 'workspace name')
    .requiredOption('--origin <origin>', 'log origin, e.g. annex.example.org/ceasefire (C2SP checkpoint origin)')
    .requiredOption('--secretariat <ID>', 'secretariat organisation id, e.g. SEC')
    .option('--secretariat-name <name>', 'its display name', 'Secretariat')
    .option('--data <dir>', 'data directory', DEFAULT_DATA)
    .action(async (o: { name: string; origin: string; secretariat: string; secretariatName: string; data: string }) => {
      await withData(o.data, (d) => createWorkspace(d.services, {
        name: o.name, origin: o.origin, secretariat: { id: o.secretariat, kind: 'secretariat', name: o.secretariatName },
      }));
      console.log(`workspace "${o.name}" created in ${resolve(o.data)}`);
    });

  program.command('orgs').description('manage organisations').command('add')
    .description('register an organisation (its signing key is created in the data directory)')
    .argument('<ID>', 'organisation id, e.g. PAK')
    .addOption(new Option('--kind <kind>', 'organisation kind').choices(ORG_KINDS).makeOptionMandatory())
    .requiredOption('--name <name>', 'display name')
    .option('--data <dir>', 'data directory', DEFAULT_DATA)
    .action(async (id: string, o: { kind: OrgKind; name: string; data: string }) => {
      await withData(o.data, (d) => registerOrganisation(d.services, 'system', { id, kind: o.kind, name: o.name }));
      console.log(`organisation ${id} registered`);
    });

  program.command('users').description('manage users').command('add')
    .description('add a user; prints a generated password unless --password-file is given')
    .argument('<username>', 'lowercase user name, e.g. pak-liaison')
    .requiredOption('--org <ID>', 'organisation id')
    .requiredOption('--roles <list>', `comma-separated: ${ROLES.join(', ')}`, roles)
    .option('--display-name <name>', 'display name (default: the username)')
    .option('--password-file <file>', 'read the password from this file (never pass passwords as arguments)')
    .option('--data <dir>', 'data directory', DEFAULT_DATA)
    .action(async (username: string, o: { org: string; roles: Role[]; displayName?: string; passwordFile?: string; data: string }) => {
      const given = o.passwordFile ? readFileSync(o.passwordFile, 'utf8').trim() : undefined;
      const password = given ?? randomBytes(12).toString('base64url');
      await withData(o.data, (d) => addUser(d.services, 'system', {
        id: username, org: o.org, username, display_name: o.displayName ?? username, roles: o.roles, password,
      }));
      console.log(`user ${username} (${o.org}; ${o.roles.join(', ')}) added${given ? '' : `; password: ${password}`}`);
    });

  program.commands.find((c) => c.name() === 'keys')!
    .command('list')
    .description('print the verifier keys (public) of the log and of every organisation, for auditors and witnesses')
    .option('--data <dir>', 'data directory', DEFAULT_DATA)
    .action(async (o: { data: string }) => {
      const dir = process.env.ANNEX_KEYS_DIR || join(resolve(o.data), 'keys');
      const show = async (label: string, file: string) => {
        const skey = (await readFile(file, 'utf8')).trim();
        console.log(`${label.padEnd(8)} ${verifierKeyFromSigner(nodeCrypto, skey)}`);
      };
      try {
        await show('log', join(dir, 'log.skey'));
      } catch {
        console.log('log      (no checkpoint key yet: it is created when the server first integrates)');
      }
      for (const f of (await readdir(join(dir, 'orgs')).catch(() => [])).filter((n) => n.endsWith('.skey')).sort()) {
        await show(f.replace(/\.skey$/, ''), join(dir, 'orgs', f));
      }
    });
}
