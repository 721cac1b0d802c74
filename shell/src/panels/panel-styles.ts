/** @module The look of a plugin panel's frame and the shell's notes around it. */
import { css } from 'lit';

/** Styles of `<heng-plugin-panel>`. */
export const panelStyles = css`
  iframe {
    display: block;
    width: 100%;
    min-height: 20rem;
    border: 1px solid #8a8f98;
    border-radius: 4px;
    background: #fff;
  }
  .warning {
    color: #7a4b00;
  }
`;
