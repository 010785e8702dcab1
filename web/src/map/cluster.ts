/**
 * Clustering of nearby markers, in screen units at the current zoom, so a
 * cluster splits as the user zooms in. Greedy distance clustering: points
 * are taken in a fixed order (by y, x, then id, so the result does not depend
 * on the order the API returned them in); each point not yet taken starts a
 * cluster and takes every untaken point within `radius` of it. A cluster is
 * drawn at its members' mean position. O(n²), fine for the ≤ 1,000 markers
 * the map loads; a grid index would be the next step beyond that.
 */

export interface ClusterInput<T> {
  id: string;
  x: number;
  y: number;
  item: T;
}

export interface Cluster<T> {
  /** Stable key: the ids of the members, sorted, joined. */
  key: string;
  x: number;
  y: number;
  members: T[];
  ids: string[];
}

export function clusterPoints<T>(points: readonly ClusterInput<T>[], radius: number): Cluster<T>[] {
  const sorted = [...points].filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = new Array<boolean>(sorted.length).fill(false);
  const r2 = radius * radius;
  const out: Cluster<T>[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (taken[i]) continue;
    const seed = sorted[i]!;
    taken[i] = true;
    const group = [seed];
    for (let j = i + 1; j < sorted.length; j++) {
      if (taken[j]) continue;
      const p = sorted[j]!;
      if (p.y - seed.y > radius) break; // sorted by y: nothing further down can be within reach
      const dx = p.x - seed.x;
      const dy = p.y - seed.y;
      if (dx * dx + dy * dy <= r2) {
        taken[j] = true;
        group.push(p);
      }
    }
    const ids = group.map((g) => g.id).sort();
    out.push({
      key: ids.join(' '),
      x: group.reduce((s, g) => s + g.x, 0) / group.length,
      y: group.reduce((s, g) => s + g.y, 0) / group.length,
      members: group.map((g) => g.item),
      ids,
    });
  }
  return out;
}
