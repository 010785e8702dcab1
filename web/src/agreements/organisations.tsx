/**
 * The mechanism's organisations (GET /api/organisations), loaded once per
 * page load and shared by every form that names one: a party obliged by a
 * commitment, the parties of a text, who announced a crossing's status.
 * Forms offer these instead of asking for typed ids; the server still
 * checks what it is sent.
 */
import { useEffect, useState } from 'react';
import { agreementsApi, type Organisation } from './api.js';

let loading: Promise<Organisation[]> | undefined;

function load(): Promise<Organisation[]> {
  loading ??= agreementsApi.organisations().then((r) => r.items, (e: unknown) => {
    loading = undefined; // try again next time
    throw e;
  });
  return loading;
}

/** Every organisation, or undefined while loading (and when the directory could not be read). */
export function useOrganisations(): Organisation[] | undefined {
  const [orgs, setOrgs] = useState<Organisation[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    load().then((o) => live && setOrgs(o), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return orgs;
}

/** Suggestions for an organisation-id input (`<input list={id}>`): each id, labelled with its name. */
export function OrganisationOptions({ id, kinds }: { id: string; kinds?: ReadonlyArray<Organisation['kind']> }) {
  const orgs = useOrganisations();
  return (
    <datalist id={id}>
      {(orgs ?? []).filter((o) => !kinds || kinds.includes(o.kind)).map((o) => <option key={o.id} value={o.id} label={o.name} />)}
    </datalist>
  );
}
