/** @module The frame's layout: a top bar that wraps at tablet width, the banner, the content. */
import { css } from 'lit';

/** Styles of `<heng-app>`. */
export const appStyles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
    align-items: center;
    padding: 0.6rem 1rem;
    background: #12263f;
    color: #fff;
  }
  header a,
  header button.link {
    color: #fff;
  }
  .brand {
    font-weight: 700;
    font-size: 1.2rem;
    text-decoration: none;
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  nav a[aria-current='page'] {
    font-weight: 700;
    text-underline-offset: 4px;
  }
  .tools {
    margin-inline-start: auto;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.75rem;
    align-items: center;
  }
  .tools label {
    display: flex;
    flex-direction: row;
    gap: 0.4rem;
    align-items: center;
    font-weight: 400;
  }
  header :focus-visible {
    outline-color: #fbbf24;
  }
  .banner {
    margin: 0;
    padding: 0.6rem 1rem;
    background: #fff4d6;
    color: #5c3a00;
    border-bottom: 2px solid #b45309;
  }
  main {
    padding: 1rem;
    max-width: 72rem;
    margin: 0 auto;
  }
  .skip {
    position: absolute;
    left: -999px;
  }
  .skip:focus {
    left: 0.5rem;
    top: 0.5rem;
    background: #fff;
    color: #0b57d0;
    padding: 0.3rem 0.6rem;
    z-index: 10;
  }
`;
