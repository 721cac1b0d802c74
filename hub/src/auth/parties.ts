/**
 * @module Organisations and users in the hub's registry (`org/<id>`, `user/<id>`). The password
 * hash stays in the document and never leaves this module's internal reads.
 */
import { type Clock, systemClock } from '@heng/core';
import type { Organisation, User, UserUpdate } from '@heng/schemas';
import { HengError, ValidationError } from '@heng/schemas';
import type nano from 'nano';
import { type Couch, couchStatus, storeError } from '../couch/index.ts';
import { HUB_DB } from '../couch/names.ts';
import { hashPassword, type PasswordHash } from './password.ts';

/** A user as the API shows it: no password, no hash. */
export type PublicUser = Omit<User, 'password'> & { disabled: boolean; createdAt: string };

/** A user as stored. */
export interface UserDoc extends PublicUser {
  _id: string;
  _rev?: string;
  type: 'user';
  password: PasswordHash;
  updatedAt?: string;
}

type OrganisationDoc = Organisation & { _id: string; type: 'organisation'; createdAt: string };

export const ORG_PREFIX = 'org/';
export const USER_PREFIX = 'user/';

/** Reads every document whose id starts with `prefix`. */
export async function docsWithPrefix<D>(db: nano.DocumentScope<D>, prefix: string, doing: string) {
  try {
    const page = await db.list({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
    return page.rows.flatMap((row) => (row.doc ? [row.doc as D & nano.Document] : []));
  } catch (err) {
    throw storeError(err, doing);
  }
}

function publicUser(doc: UserDoc): PublicUser {
  const { _id, _rev, type, password, updatedAt, ...user } = doc;
  return user;
}

function publicOrganisation(doc: OrganisationDoc): Organisation {
  const { _id, _rev, type, ...org } = doc as OrganisationDoc & { _rev?: string };
  return org;
}

export interface PartiesOptions {
  db?: string;
  clock?: Clock;
}

/** The registry of organisations and users. */
export class Parties {
  readonly dbName: string;
  readonly #couch: Couch;
  readonly #clock: Clock;

  constructor(couch: Couch, options: PartiesOptions = {}) {
    this.#couch = couch;
    this.dbName = options.db ?? HUB_DB;
    this.#clock = options.clock ?? systemClock;
  }

  get #db(): nano.DocumentScope<unknown> {
    return this.#couch.db(this.dbName);
  }

  #now(): string {
    return new Date(this.#clock.now()).toISOString();
  }

  async #get<D>(id: string, doing: string): Promise<D | undefined> {
    try {
      return (await this.#db.get(id)) as D;
    } catch (err) {
      if (couchStatus(err) === 404) return undefined;
      throw storeError(err, doing);
    }
  }

  async #insert(doc: { _id: string }, what: string): Promise<void> {
    try {
      await this.#db.insert(doc);
    } catch (err) {
      if (couchStatus(err) === 409)
        throw new HengError('conflict', `${what} already exists or was changed meanwhile`);
      throw storeError(err, `save ${what}`);
    }
  }

  async createOrganisation(org: Organisation): Promise<Organisation> {
    const doc: OrganisationDoc = {
      _id: `${ORG_PREFIX}${org.id}`,
      type: 'organisation',
      id: org.id,
      name: org.name,
      kind: org.kind,
      createdAt: this.#now(),
    };
    await this.#insert(doc, `organisation ${org.id}`);
    return publicOrganisation(doc);
  }

  async getOrganisation(id: string): Promise<Organisation | undefined> {
    const doc = await this.#get<OrganisationDoc>(`${ORG_PREFIX}${id}`, `read organisation ${id}`);
    return doc && publicOrganisation(doc);
  }

  async listOrganisations(): Promise<Organisation[]> {
    const docs = await docsWithPrefix<OrganisationDoc>(
      this.#db as never,
      ORG_PREFIX,
      'list organisations',
    );
    return docs.map(publicOrganisation);
  }

  /** Creates a user; the organisation must exist. */
  async createUser(user: Omit<User, 'password'>, password: string): Promise<PublicUser> {
    if (!(await this.getOrganisation(user.organisation)))
      throw new ValidationError('user', [
        { path: '/organisation', message: `no organisation "${user.organisation}" is registered` },
      ]);
    const doc: UserDoc = {
      _id: `${USER_PREFIX}${user.id}`,
      type: 'user',
      id: user.id,
      name: user.name,
      organisation: user.organisation,
      roles: [...user.roles],
      clearance: user.clearance,
      disabled: user.disabled ?? false,
      createdAt: this.#now(),
      password: await hashPassword(password),
    };
    await this.#insert(doc, `user ${user.id}`);
    return publicUser(doc);
  }

  /** The stored user, hash included: for sign-in and token checks only. */
  userDoc(id: string): Promise<UserDoc | undefined> {
    return this.#get<UserDoc>(`${USER_PREFIX}${id}`, `read user ${id}`);
  }

  async getUser(id: string): Promise<PublicUser | undefined> {
    const doc = await this.userDoc(id);
    return doc && publicUser(doc);
  }

  async listUsers(): Promise<PublicUser[]> {
    const docs = await docsWithPrefix<UserDoc>(this.#db as never, USER_PREFIX, 'list users');
    return docs.map(publicUser);
  }

  /** Whether any user exists (for the first administrator). */
  async hasUsers(): Promise<boolean> {
    try {
      const page = await this.#db.list({
        startkey: USER_PREFIX,
        endkey: `${USER_PREFIX}\ufff0`,
        limit: 1,
      });
      return page.rows.length > 0;
    } catch (err) {
      throw storeError(err, 'look for users');
    }
  }

  async updateUser(id: string, patch: UserUpdate): Promise<PublicUser> {
    const doc = await this.#mustGetUser(id);
    const next: UserDoc = { ...doc, ...patch, updatedAt: this.#now() };
    await this.#insert(next, `user ${id}`);
    return publicUser(next);
  }

  async setPassword(id: string, password: string): Promise<void> {
    const doc = await this.#mustGetUser(id);
    const next: UserDoc = {
      ...doc,
      password: await hashPassword(password),
      updatedAt: this.#now(),
    };
    await this.#insert(next, `user ${id}`);
  }

  async #mustGetUser(id: string): Promise<UserDoc> {
    const doc = await this.userDoc(id);
    if (!doc) throw new HengError('not_found', `no user "${id}"`);
    return doc;
  }
}
