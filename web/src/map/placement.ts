/**
 * How an incident's location is drawn, decided from its ACLED geo_precision
 * (src/domain/entries/incident.ts: 1 exact place or town, 2 near a named
 * place, 3 region only) — honestly, never more precise than recorded:
 *  - precision 1 with coordinates: a pin (pins cluster when close);
 *  - precision 2 with coordinates: a translucent circle of APPROX_RADIUS_KM
 *    around the named place, never a pin;
 *  - precision 3, an unknown precision, or no coordinates: not drawn at all,
 *    but counted in the list by region (admin1 and country), since the
 *    coordinates of a region-only report are only the region's centroid.
 * Plus a crossing's one-word status for its marker, from its current status
 * per side and traffic type.
 */

export interface PlaceLike {
  country: string;
  admin1?: string;
  admin2?: string;
  location?: string;
  latitude?: number;
  longitude?: number;
  geo_precision: number;
}

/** Radius of the circle drawn for "near a named place" (precision 2). */
export const APPROX_RADIUS_KM = 15;

export type Placement =
  | { kind: 'pin'; lon: number; lat: number }
  | { kind: 'area'; lon: number; lat: number; radiusKm: number }
  | { kind: 'region'; region: string; reason: 'region-only' | 'no-coordinates' };

const hasCoords = (p: PlaceLike): p is PlaceLike & { latitude: number; longitude: number } =>
  typeof p.latitude === 'number' && typeof p.longitude === 'number' && Number.isFinite(p.latitude) && Number.isFinite(p.longitude)
  && Math.abs(p.latitude) <= 90 && Math.abs(p.longitude) <= 180;

/** The region a place is counted under when it is not drawn: "admin1, country", or the country alone. */
export function regionOf(p: PlaceLike): string {
  const country = p.country.trim() || '?';
  const admin1 = p.admin1?.trim();
  return admin1 ? `${admin1}, ${country}` : country;
}

export function placementOf(p: PlaceLike): Placement {
  if (!hasCoords(p)) return { kind: 'region', region: regionOf(p), reason: 'no-coordinates' };
  if (p.geo_precision === 1) return { kind: 'pin', lon: p.longitude, lat: p.latitude };
  if (p.geo_precision === 2) return { kind: 'area', lon: p.longitude, lat: p.latitude, radiusKm: APPROX_RADIUS_KM };
  return { kind: 'region', region: regionOf(p), reason: 'region-only' };
}

export interface Placed<T> {
  pins: Array<{ item: T; lon: number; lat: number }>;
  areas: Array<{ item: T; lon: number; lat: number; radiusKm: number }>;
  /** Region label → the items counted there, regions sorted by name. */
  regions: Array<{ region: string; items: T[] }>;
}

/** Sorts items into pins, areas and regions by placementOf. */
export function placeAll<T>(items: readonly T[], placeOf: (t: T) => PlaceLike): Placed<T> {
  const out: Placed<T> = { pins: [], areas: [], regions: [] };
  const regions = new Map<string, T[]>();
  for (const item of items) {
    const p = placementOf(placeOf(item));
    if (p.kind === 'pin') out.pins.push({ item, lon: p.lon, lat: p.lat });
    else if (p.kind === 'area') out.areas.push({ item, lon: p.lon, lat: p.lat, radiusKm: p.radiusKm });
    else {
      const list = regions.get(p.region) ?? [];
      list.push(item);
      regions.set(p.region, list);
    }
  }
  out.regions = [...regions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([region, list]) => ({ region, items: list }));
  return out;
}

export type CrossingState = 'open' | 'closed' | 'restricted' | 'unknown';
export const CROSSING_STATES: readonly CrossingState[] = ['open', 'restricted', 'closed', 'unknown'];

/**
 * One word for a crossing's marker from its current status per side and
 * traffic type: nothing known → unknown; everything known open → open;
 * everything known closed → closed; anything else (some restricted, or open
 * for some and closed for others) → restricted. The detail per side and
 * traffic type is always listed beside it.
 */
export function crossingState(current: ReadonlyArray<{ status: string | null }>): CrossingState {
  const known = current.map((c) => c.status).filter((s): s is string => s !== null);
  if (known.length === 0) return 'unknown';
  if (known.every((s) => s === 'open')) return 'open';
  if (known.every((s) => s === 'closed')) return 'closed';
  return 'restricted';
}
