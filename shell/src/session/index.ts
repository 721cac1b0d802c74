/** @module The signed-in session and the context views share. */
export type { ShellContext } from './context.ts';
export { currentSession, type Me, may, mayAtHub, signIn, signOut } from './session.ts';
