/** @module Hash routing: the shell's places and the router that follows them. */
export { HashRouter } from './router.ts';
export { hrefOf, parseRoute, type Route } from './routes.ts';
