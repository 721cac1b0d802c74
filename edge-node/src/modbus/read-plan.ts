/**
 * @module The read plan of one set of a device's points (all of them, or those polled at one
 * interval): the requests that read them, and where each point's reading goes in the result.
 */

import type { DevicePoint } from '@heng/schemas';
import { coalesceReads, type PlanOptions } from './plan.ts';
import type { ReadRequest } from './types.ts';

export class ReadPlan {
  #requests: ReadRequest[];
  /** Index of each point in the result: the order the points were given in. */
  readonly #slot = new Map<string, number>();

  /** Plans `points` (those without read access are left out). */
  constructor(points: readonly DevicePoint[], options: PlanOptions) {
    this.#requests = coalesceReads(points, options);
    const planned = new Set<string>();
    for (const request of this.#requests)
      for (const { point } of request.points) planned.add(point.name);
    for (const p of points) if (planned.has(p.name)) this.#slot.set(p.name, this.#slot.size);
  }

  get requests(): readonly ReadRequest[] {
    return this.#requests;
  }

  /** How many points a read of this plan returns. */
  get size(): number {
    return this.#slot.size;
  }

  /** Where the point's reading goes in the result. */
  slotOf(point: string): number {
    return this.#slot.get(point) ?? -1;
  }

  /** Replaces one request with the requests that read its points from now on. */
  replace(request: ReadRequest, by: readonly ReadRequest[]): void {
    const at = this.#requests.indexOf(request);
    if (at >= 0)
      this.#requests = [...this.#requests.slice(0, at), ...by, ...this.#requests.slice(at + 1)];
  }
}
