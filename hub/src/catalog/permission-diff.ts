/**
 * @module What changes in power between two permission lists, compared structurally: each
 * permission is broken into the atoms of its scope (a point pattern, a topic, a host, a route, a
 * schedule, a quota, a rate), so reordering, splitting or re-wording a reason changes nothing, and
 * an upgrade that asks for more shows exactly what more.
 */
import type { Permission } from '@heng/schemas';

/** One capability whose scope changed: the atoms it gains (widened) or loses (narrowed). */
export interface ScopeChange {
  capability: string;
  /** Atoms of scope, e.g. `+/+/dimming`, `GET /status`, `quota 2048 KiB`, `rate 30/60s on +/+/dimming`. */
  atoms: string[];
}

/** The difference from the permissions held (`from`) to the permissions asked (`to`). */
export interface PermissionDiff {
  /** Capabilities `to` asks for that `from` did not hold at all. */
  added: Permission[];
  /** Capabilities `from` held that `to` no longer asks for. */
  removed: Permission[];
  /** Capabilities in both whose scope grows, with what it gains. */
  widened: ScopeChange[];
  /** Capabilities in both whose scope shrinks, with what it loses. */
  narrowed: ScopeChange[];
}

/** Why an atom is more or less: a number to compare for quotas and rates, else presence. */
interface Atom {
  key: string;
  label: string;
  /** For quotas and rates: larger is more power. */
  amount?: number;
}

function atomsOf(p: Permission): Atom[] {
  switch (p.capability) {
    case 'telemetry:read':
      return p.points.map((point) => ({ key: point, label: point }));
    case 'command:write':
      // A rate is per group of points: the same point at a higher rate is more power.
      return p.points.map((point) => ({
        key: point,
        label: `${point} at ${p.rate.count}/${p.rate.perSeconds}s`,
        amount: p.rate.count / p.rate.perSeconds,
      }));
    case 'storage': {
      const quota = p.quotaKiB ?? 1024;
      return [{ key: 'quota', label: `quota ${quota} KiB`, amount: quota }];
    }
    case 'http:route':
      return p.routes.map((r) => ({
        key: `${r.method} ${r.path}`,
        label: `${r.method} ${r.path}`,
      }));
    case 'net:fetch':
      return p.hosts.map((host) => ({ key: host, label: host }));
    case 'events:publish':
    case 'events:subscribe':
      return p.topics.map((topic) => ({ key: topic, label: topic }));
    case 'schedule':
      // Running more often is more power: the amount is runs per second.
      return p.schedules.map((s) => ({
        key: s.name,
        label: `${s.name} every ${s.everySeconds}s`,
        amount: 1 / s.everySeconds,
      }));
    case 'ui:panel':
      return p.panels.map((panel) => ({ key: panel, label: panel }));
  }
}

/** Atoms by capability; when one key appears twice (split entries), the larger amount counts. */
function byCapability(list: readonly Permission[]): Map<string, Map<string, Atom>> {
  const out = new Map<string, Map<string, Atom>>();
  for (const p of list) {
    const atoms = out.get(p.capability) ?? new Map<string, Atom>();
    for (const atom of atomsOf(p)) {
      const held = atoms.get(atom.key);
      if (!held || (atom.amount ?? 0) > (held.amount ?? 0)) atoms.set(atom.key, atom);
    }
    out.set(p.capability, atoms);
  }
  return out;
}

function gains(from: Map<string, Atom>, to: Map<string, Atom>): string[] {
  const more: string[] = [];
  for (const [key, atom] of to) {
    const held = from.get(key);
    if (!held || (atom.amount ?? 0) > (held.amount ?? 0)) more.push(atom.label);
  }
  return more.sort();
}

/**
 * Compares the permissions held with those asked for.
 * @example
 * diffPermissions(installed.permissions, manifest.permissions).widened
 * // [{ capability: 'net:fetch', atoms: ['api.weather.example.com'] }]
 */
export function diffPermissions(
  from: readonly Permission[],
  to: readonly Permission[],
): PermissionDiff {
  const a = byCapability(from);
  const b = byCapability(to);
  const diff: PermissionDiff = { added: [], removed: [], widened: [], narrowed: [] };
  for (const p of to) if (!a.has(p.capability)) diff.added.push(p);
  for (const p of from) if (!b.has(p.capability)) diff.removed.push(p);
  for (const [capability, atoms] of b) {
    const held = a.get(capability);
    if (!held) continue;
    const more = gains(held, atoms);
    if (more.length > 0) diff.widened.push({ capability, atoms: more });
    const less = gains(atoms, held);
    if (less.length > 0) diff.narrowed.push({ capability, atoms: less });
  }
  return diff;
}

/** Whether `to` asks for anything `from` did not grant. */
export function asksForMore(diff: PermissionDiff): boolean {
  return diff.added.length > 0 || diff.widened.length > 0;
}

/** Whether two lists grant exactly the same power. */
export function samePower(diff: PermissionDiff): boolean {
  return !asksForMore(diff) && diff.removed.length === 0 && diff.narrowed.length === 0;
}

/** The difference in words, one line per change, for error messages and audit details. */
export function describeDiff(diff: PermissionDiff): string[] {
  return [
    ...diff.added.map(
      (p) =>
        `adds ${p.capability}: ${atomsOf(p)
          .map((a) => a.label)
          .join(', ')}`,
    ),
    ...diff.widened.map((w) => `widens ${w.capability}: ${w.atoms.join(', ')}`),
    ...diff.removed.map((p) => `drops ${p.capability}`),
    ...diff.narrowed.map((n) => `narrows ${n.capability}: no longer ${n.atoms.join(', ')}`),
  ];
}
