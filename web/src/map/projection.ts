/**
 * The map's projection and view, in pure code (no d3): an equirectangular
 * projection with its standard parallel through the Afghanistan–Pakistan
 * border region (33°N), so east–west distances there are true to within a
 * few per cent, which is all a regional overview needs. "Base" coordinates
 * are the projection at zoom 1; the view (centre and zoom) maps them to the
 * SVG's own units (WIDTH × HEIGHT), in which markers keep a fixed size.
 */

export const WIDTH = 1000;
export const HEIGHT = 680;
/** The projection's origin and standard parallel. */
export const LON0 = 67.5;
export const LAT0 = 33;
/** Base units per degree of latitude at zoom 1: the default view spans about 18° × 10°. */
export const K = 66;
const COS0 = Math.cos((LAT0 * Math.PI) / 180);

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 64;

export interface View {
  /** The centre, in base coordinates. */
  cx: number;
  cy: number;
  zoom: number;
}

export type Pt = readonly [number, number];

/** [longitude, latitude] → base coordinates (y grows southwards, as on screen). */
export function project(lon: number, lat: number): Pt {
  return [(lon - LON0) * COS0 * K, (LAT0 - lat) * K];
}

/** Base coordinates → [longitude, latitude]. */
export function unproject(x: number, y: number): Pt {
  return [x / (COS0 * K) + LON0, LAT0 - y / K];
}

/** The default view: the Afghanistan–Pakistan border region, from the Wakhan down to the Iranian tripoint. */
export const DEFAULT_VIEW: View = { cx: 0, cy: 0, zoom: 1 };

/** Base → screen (SVG units). */
export function toScreen(v: View, p: Pt): Pt {
  return [(p[0] - v.cx) * v.zoom + WIDTH / 2, (p[1] - v.cy) * v.zoom + HEIGHT / 2];
}

/** Screen → base. */
export function toBase(v: View, s: Pt): Pt {
  return [(s[0] - WIDTH / 2) / v.zoom + v.cx, (s[1] - HEIGHT / 2) / v.zoom + v.cy];
}

/** The SVG transform that draws base-coordinate geometry in the view. */
export function transformOf(v: View): string {
  const tx = WIDTH / 2 - v.cx * v.zoom;
  const ty = HEIGHT / 2 - v.cy * v.zoom;
  return `translate(${round(tx)} ${round(ty)}) scale(${round(v.zoom, 4)})`;
}

export function clampZoom(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
}

/** Zoom by a factor keeping the screen point `at` (default: the centre) where it is. */
export function zoomBy(v: View, factor: number, at: Pt = [WIDTH / 2, HEIGHT / 2]): View {
  const zoom = clampZoom(v.zoom * factor);
  const b = toBase(v, at);
  // Keep b under `at`: at = (b - c) * zoom + W/2  =>  c = b - (at - W/2) / zoom
  return { zoom, cx: b[0] - (at[0] - WIDTH / 2) / zoom, cy: b[1] - (at[1] - HEIGHT / 2) / zoom };
}

/** Pan by a distance in screen units (positive dx shows what lies further east). */
export function panBy(v: View, dx: number, dy: number): View {
  return { ...v, cx: v.cx + dx / v.zoom, cy: v.cy + dy / v.zoom };
}

/** Screen units for a distance on the ground, at a latitude. */
export function kmToScreen(v: View, km: number): number {
  return (km / 111.32) * K * v.zoom;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
