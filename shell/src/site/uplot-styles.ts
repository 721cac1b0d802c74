/**
 * @module uPlot's stylesheet (uplot 1.6.32, MIT) as a Lit style: charts live in shadow roots,
 * where the page's stylesheets do not reach, and CSP allows constructed stylesheets.
 */
import { css } from 'lit';

/** uPlot's own rules, trimmed of the title and legend we do not show. */
export const uplotStyles = css`
  .uplot, .uplot *, .uplot *::before, .uplot *::after { box-sizing: border-box; }
  .uplot { line-height: 1.5; width: min-content; }
  .u-wrap { position: relative; user-select: none; }
  .u-over, .u-under { position: absolute; }
  .u-under { overflow: hidden; }
  .uplot canvas { display: block; position: relative; width: 100%; height: 100%; }
  .u-axis { position: absolute; }
  .u-legend { font-size: 14px; margin: auto; text-align: center; }
  .u-inline { display: block; }
  .u-inline * { display: inline-block; }
  .u-inline tr { margin-right: 16px; }
  .u-legend th { font-weight: 600; }
  .u-legend th > * { vertical-align: middle; display: inline-block; }
  .u-legend .u-marker { width: 1em; height: 1em; margin-right: 4px; background-clip: padding-box !important; }
  .u-inline.u-live th::after { content: ':'; vertical-align: middle; }
  .u-inline:not(.u-live) .u-value { display: none; }
  .u-series > * { padding: 4px; }
  .u-select { background: rgba(0, 0, 0, 0.07); position: absolute; pointer-events: none; }
  .u-cursor-x, .u-cursor-y { position: absolute; left: 0; top: 0; pointer-events: none; }
  .u-hz .u-cursor-x { height: 100%; border-right: 1px dashed #607d8b; }
  .u-hz .u-cursor-y { width: 100%; border-bottom: 1px dashed #607d8b; }
  .u-cursor-pt { position: absolute; top: 0; left: 0; border-radius: 50%; border: 0 solid;
    pointer-events: none; background-clip: padding-box !important; }
  .u-axis.u-off, .u-select.u-off, .u-cursor-x.u-off, .u-cursor-y.u-off, .u-cursor-pt.u-off { display: none; }
`;
