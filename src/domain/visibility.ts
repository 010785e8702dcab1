/**
 * Who may read a record (DOMAIN.md). `mediators`: sealed to the mediators and
 * their secretariat (and the organisation that made the record); `parties`:
 * shared with the parties, mediators, secretariat and monitors; `public`:
 * anyone, including observers and anonymous readers of the log.
 * A record that is not public goes into the ledger sealed (a salted
 * commitment); only public bodies appear in the log in clear.
 */
export const VISIBILITIES = ['mediators', 'parties', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

const RANK: Record<Visibility, number> = { mediators: 0, parties: 1, public: 2 };

/** The more open of two visibilities. */
export function widerVisibility(a: Visibility, b: Visibility): Visibility {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The more restricted of two visibilities. */
export function narrowerVisibility(a: Visibility, b: Visibility): Visibility {
  return RANK[a] <= RANK[b] ? a : b;
}

export const ORG_KINDS = ['party', 'mediator', 'secretariat', 'monitor', 'observer'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = ['liaison', 'mediator', 'secretariat', 'monitor', 'analyst', 'observer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The acting or reading user, as policies and presenters see them. */
export interface Viewer {
  userId: string;
  username: string;
  org: string;
  orgKind: OrgKind;
  roles: readonly Role[];
}

/** May `viewer` (undefined: anonymous) read a record of this visibility made by `ownerOrg`? */
export function canSee(viewer: Viewer | undefined, visibility: Visibility, ownerOrg?: string): boolean {
  if (visibility === 'public') return true;
  if (!viewer) return false;
  if (ownerOrg !== undefined && viewer.org === ownerOrg) return true;
  if (viewer.orgKind === 'mediator' || viewer.orgKind === 'secretariat') return true;
  if (visibility === 'parties') return viewer.orgKind === 'party' || viewer.orgKind === 'monitor';
  return false;
}

/**
 * What canSee allows, as a filter a repository can turn into SQL: 'all', or
 * the visibilities the viewer may read plus their own organisation's records.
 * Kept beside canSee so the two cannot drift apart (test/policy-matrix.test.ts).
 */
export type ReadScope = 'all' | { visibilities: Visibility[]; ownerOrg?: string };

export function readScope(viewer: Viewer | undefined): ReadScope {
  if (!viewer) return { visibilities: ['public'] };
  if (viewer.orgKind === 'mediator' || viewer.orgKind === 'secretariat') return 'all';
  if (viewer.orgKind === 'party' || viewer.orgKind === 'monitor') return { visibilities: ['parties', 'public'], ownerOrg: viewer.org };
  return { visibilities: ['public'], ownerOrg: viewer.org };
}
