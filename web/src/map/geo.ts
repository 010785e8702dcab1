/**
 * Country boundaries for the map: Natural Earth 1:50m from the `world-atlas`
 * package (TopoJSON), decoded with `topojson-client` and bundled by Vite as a
 * chunk of its own, loaded when the map is first opened — from the same
 * server as the app: no tile server, nothing from elsewhere at run time.
 * Only rings that reach the region around Afghanistan and Pakistan are kept
 * (REGION), which keeps the SVG small; paths are in base coordinates
 * (./projection.ts), rounded to 0.01.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { project, round } from './projection.js';

/** [west, south, east, north] of what the map draws. */
export const REGION = [25, 0, 115, 60] as const;

export interface CountryPath {
  id: string;
  name: string;
  d: string;
}

type Ring = number[][];

function ringBox(r: Ring): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of r) {
    if (x! < w) w = x!;
    if (x! > e) e = x!;
    if (y! < s) s = y!;
    if (y! > n) n = y!;
  }
  return [w, s, e, n];
}

const inRegion = (b: [number, number, number, number]) => b[2] >= REGION[0] && b[0] <= REGION[2] && b[3] >= REGION[1] && b[1] <= REGION[3];

function ringPath(r: Ring): string {
  let d = '';
  for (let i = 0; i < r.length; i++) {
    const [x, y] = project(r[i]![0]!, r[i]![1]!);
    d += `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`;
  }
  return `${d}Z`;
}

/** The countries of a world-atlas topology that reach REGION, as SVG paths in base coordinates. */
export function countryPaths(topology: Topology, object = 'countries'): CountryPath[] {
  const collection = topology.objects[object] as GeometryCollection<{ name?: string }>;
  const fc = feature(topology, collection);
  const out: CountryPath[] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    const polygons: Ring[][] = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    let d = '';
    for (const poly of polygons) {
      if (!poly[0] || !inRegion(ringBox(poly[0]))) continue;
      for (const ring of poly) d += ringPath(ring);
    }
    if (d) out.push({ id: String(f.id ?? f.properties?.name ?? out.length), name: f.properties?.name ?? '', d });
  }
  return out;
}

let loaded: Promise<CountryPath[]> | undefined;

/** The boundaries, decoded once per page load. */
export function loadCountries(): Promise<CountryPath[]> {
  loaded ??= import('world-atlas/countries-50m.json').then((m) => countryPaths((m.default ?? m) as unknown as Topology));
  return loaded;
}
