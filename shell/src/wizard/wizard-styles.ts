/** @module The install wizard's styles: readable steps, visible focus, clear errors. */
import { css } from 'lit';

/** Styles of `<heng-install-wizard>`; the permission list and form bring their own. */
export const wizardStyles = css`
  :host { display: block; max-width: 48rem; }
  h1 { font-size: 1.375rem; margin: 0 0 0.5rem; }
  h2 { font-size: 1.125rem; }
  h2:focus { outline: none; }
  h2:focus-visible { outline: 3px solid #1570ef; }
  .count { font-weight: normal; color: #475467; font-size: 0.875rem; }
  ol.steps { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0; list-style: none; margin: 0; }
  ol.steps li { color: #475467; counter-increment: step; }
  ol.steps li::before { content: counter(step) '. '; }
  ol.steps li[aria-current='step'] { color: #101828; font-weight: 600; text-decoration: underline; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  code { font-family: ui-monospace, monospace; }
  .note { color: #475467; font-size: 0.875rem; }
  .error { color: #b42318; }
  .status { color: #067647; }
  [aria-invalid='true'] { outline: 2px solid #b42318; }
  fieldset { border: 1px solid #d0d5dd; border-radius: 4px; }
  .site { margin: 0.25rem 0; }
  .hub-note { border-left: 4px solid #b54708; background: #fffaeb; padding: 0.25rem 0.75rem; margin: 1rem 0; }
  .hub-note h3 { font-size: 1rem; margin: 0.5rem 0 0.25rem; }
  .hub-note ul { padding-left: 1.25rem; }
  .hub-note li { margin: 0.25rem 0; }
  .hub-note .say, .hub-note .reach, .hub-note .reason, .hub-note .error { display: block; }
  .hub-note .reason { font-style: italic; color: #344054; }
  .site .note { margin: 0 0 0 1.75rem; }
  pre { white-space: pre-wrap; margin: 0; }
  progress { width: 100%; }
  .actions { display: flex; gap: 0.5rem; margin-top: 1rem; flex-wrap: wrap; }
  .actions .submit, .actions .next { margin-left: auto; }
  button { font: inherit; padding: 0.4rem 1rem; min-height: 2.5rem; }
  button:focus-visible, input:focus-visible { outline: 3px solid #1570ef; outline-offset: 2px; }
`;
