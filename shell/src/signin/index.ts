/** @module The sign-in page. */
export { SigninView } from './signin-view.ts';
