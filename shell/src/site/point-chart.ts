/** @module `<heng-point-chart>`: recent readings of one point as a uPlot line chart. */
import { css, html, LitElement, type PropertyValues } from 'lit';
import uPlot from 'uplot';
import { uplotStyles } from './uplot-styles.ts';

/** One reading to plot. */
export interface ChartReading {
  ts: string;
  value: number;
}

/**
 * Draws `readings` (any order) against time. uPlot draws on canvas, so the chart also carries a
 * text summary (`label`) for screen readers.
 */
export class PointChart extends LitElement {
  static override properties = {
    readings: { attribute: false },
    label: {},
  };
  static override styles = [
    uplotStyles,
    css`
      :host { display: block; max-width: 100%; overflow-x: auto; }
    `,
  ];

  declare readings: ChartReading[];
  declare label: string;
  #plot: uPlot | undefined;

  constructor() {
    super();
    this.readings = [];
    this.label = '';
  }

  override render() {
    return html`<div role="img" aria-label=${this.label} id="plot"></div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('readings')) return;
    const sorted = [...this.readings].sort((a, b) => a.ts.localeCompare(b.ts));
    const data: uPlot.AlignedData = [
      sorted.map((r) => new Date(r.ts).getTime() / 1000),
      sorted.map((r) => r.value),
    ];
    if (this.#plot) {
      this.#plot.setData(data);
      return;
    }
    const target = this.renderRoot.querySelector<HTMLElement>('#plot');
    if (!target) return;
    const width = Math.max(300, Math.min(this.clientWidth || 640, 900));
    this.#plot = new uPlot(
      {
        width,
        height: 240,
        legend: { show: false },
        // uPlot widens a lone reading's time range to years; a minute either side reads better.
        scales: {
          x: {
            time: true,
            range: (_u, min, max) => (min === max ? [min - 60, max + 60] : [min, max]),
          },
        },
        series: [{}, { label: this.label, stroke: '#0b57d0', width: 2 }],
        axes: [{}, {}],
      },
      data,
      target,
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#plot?.destroy();
    this.#plot = undefined;
  }
}

customElements.define('heng-point-chart', PointChart);
