/** @module A site's page. */
export { CommandForm } from './command-form.ts';
export { type ChartReading, PointChart } from './point-chart.ts';
export { type LatestReading, latestReadings, pointHistory } from './readings.ts';
export { SiteView } from './site-view.ts';
