/**
 * @module The look every view shares: colours with WCAG AA contrast on white, a visible focus
 * ring, tables, forms and buttons that stay usable at tablet width (768 px).
 */
import { css } from 'lit';

/** Styles to put first in each view's `static styles`. */
export const sharedStyles = css`
  :host {
    display: block;
    color: #1b1f24;
    font: 15px/1.45 system-ui, 'Noto Sans CJK SC', 'PingFang SC', sans-serif;
  }
  h1,
  h2 {
    margin: 0 0 0.6rem;
    line-height: 1.25;
  }
  h1 {
    font-size: 1.4rem;
  }
  h2 {
    font-size: 1.1rem;
  }
  a {
    color: #0b57d0;
  }
  :is(a, button, input, select, textarea, summary, [tabindex]):focus-visible {
    outline: 3px solid #b45309;
    outline-offset: 2px;
  }
  button {
    font: inherit;
    padding: 0.4rem 0.9rem;
    border: 1px solid #0b57d0;
    border-radius: 4px;
    background: #0b57d0;
    color: #fff;
    cursor: pointer;
  }
  button.secondary {
    background: #fff;
    color: #0b57d0;
  }
  button:disabled {
    background: #6b7280;
    border-color: #6b7280;
    cursor: not-allowed;
  }
  label {
    display: grid;
    gap: 0.2rem;
    font-weight: 600;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.35rem 0.5rem;
    border: 1px solid #6b7280;
    border-radius: 4px;
    min-width: 0;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 0.45rem 0.5rem;
    border-bottom: 1px solid #d0d7de;
    vertical-align: top;
  }
  th {
    background: #f3f4f6;
  }
  .table-wrap {
    overflow-x: auto;
  }
  .error {
    color: #a40e26;
    background: #fff1f2;
    border: 1px solid #a40e26;
    border-radius: 4px;
    padding: 0.5rem 0.75rem;
  }
  .note {
    color: #4b5563;
  }
  .ok {
    color: #116329;
  }
  .bad {
    color: #a40e26;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: end;
  }
`;
