/**
 * @module The source of the `validate_doc_update` function CouchDB runs on every write to a
 * site's database: the gateway's per-document rules for edge writes (policy.ts), generated from
 * the same table (the site-database contract's kinds, by id namespace) so the two layers cannot
 * drift, plus the rule only the store can check because it needs the revision being replaced.
 */
import { type DataClass, SITE_DOC_KINDS, type SiteDb } from '@heng/schemas';
import { DATA_CLASSES } from '../auth/types.ts';

/** The CouchDB role every site user has; the function lets only that role and `_admin` write. */
export const EDGE_ROLE = 'heng-edge';

/** The CouchDB user a site's edge is forwarded as: `heng-edge-<site>`. */
export function siteUserName(site: string): string {
  return `heng-edge-${site}`;
}

/**
 * The role that carries a site user's clearance, `heng-clearance-<class>`. The function reads the
 * highest one; a user with none may write nothing an edge could.
 */
export function clearanceRole(clearance: DataClass): string {
  return `heng-clearance-${clearance}`;
}

/**
 * The function's source, for `_design/…`'s `validate_doc_update`, as CouchDB calls it:
 * `validate(newDoc, oldDoc, userCtx, secObj)`, refusing by throwing `{forbidden: reason}`.
 *
 * ES5 on purpose: CouchDB 3 runs it in SpiderMonkey (1.8.5 up to 91, by build) or QuickJS, so no
 * `let`, arrow functions, Set or `??`. Reasons are word for word those of `refuseEdgeDoc`, so a
 * test can compare the two layers document by document.
 *
 * @example
 * ```ts
 * const ddoc = { _id: '_design/heng-edge-writes', validate_doc_update: edgeWritesSource('lighting-01', 'control') };
 * ```
 */
export function edgeWritesSource(site: string, db: SiteDb): string {
  const constants = {
    SITE: site,
    DB: db,
    USER: siteUserName(site),
    EDGE_ROLE,
    KINDS: SITE_DOC_KINDS.filter((k) => k.db === db).map((k) => ({
      prefix: k.prefix,
      type: k.type ?? null,
      owner: k.owner,
      attachments: k.attachments === true,
      idField: k.idField ?? null,
    })),
    CLASSES: DATA_CLASSES,
    CLEARANCE_PREFIX: 'heng-clearance-',
  };
  const declared = Object.entries(constants)
    .map(([name, value]) => `  var ${name} = ${JSON.stringify(value)};`)
    .join('\n');
  return `function (newDoc, oldDoc, userCtx, secObj) {
${declared}
  function refuse(reason) { throw { forbidden: reason }; }
  function has(list, item) { return list.indexOf(item) !== -1; }
  function startsWith(text, prefix) { return String(text).slice(0, prefix.length) === prefix; }
  function json(value) { return JSON.stringify(value === undefined ? null : value); }
  function kindOf(id) {
    var found = null;
    for (var k = 0; k < KINDS.length; k++)
      if (startsWith(id, KINDS[k].prefix) && (found === null || KINDS[k].prefix.length > found.prefix.length))
        found = KINDS[k];
    if (id.charAt(0) === '_' && found !== null && found.prefix === '') return null;
    return found;
  }
  function namespaces() {
    var names = [];
    for (var k = 0; k < KINDS.length; k++)
      if (KINDS[k].owner === 'edge') names.push(KINDS[k].prefix === '' ? 'any id not starting with _' : KINDS[k].prefix + '\u2026');
    return names.join(', ');
  }
  var roles = (userCtx && userCtx.roles) || [];
  // The hub writes as a server admin: its own records, and conflict tombstones.
  if (has(roles, '_admin')) return;
  if (!userCtx || userCtx.name !== USER || !has(roles, EDGE_ROLE))
    refuse('only the hub and the edge of site "' + SITE + '" (CouchDB user ' + USER + ') write to this database');
  var clearance = null;
  for (var c = 0; c < CLASSES.length; c++) if (has(roles, CLEARANCE_PREFIX + CLASSES[c])) clearance = CLASSES[c];

  // The id decides first, whatever the body says.
  var id = newDoc._id;
  if (typeof id !== 'string' || id === '') refuse('a document needs a non-empty string _id');
  if (id.charAt(0) === '_')
    refuse('design and local documents cannot be written through the sync gateway');
  var kind = kindOf(id);
  if (kind === null)
    refuse('the id ' + json(id) + ' is in no namespace an edge may write in the ' + DB + ' database (' + namespaces() + ')');
  if (kind.owner !== 'edge')
    refuse(json(id) + " is the hub's (" + kind.prefix + '\u2026): an edge may not write, change or delete it');
  if (newDoc.hasOwnProperty('_deleted') && newDoc._deleted !== false) refuse('an edge may not delete documents');
  var where = kind.prefix === '' ? 'this database' : kind.prefix;
  if (newDoc.type !== kind.type)
    refuse('a document under ' + where + ' must have type ' + json(kind.type) + ', not ' + json(newDoc.type));
  if (newDoc.hasOwnProperty('_attachments') && !kind.attachments)
    refuse('documents under ' + where + ' carry no attachments');
  if (kind.idField !== null && newDoc[kind.idField] !== id.slice(kind.prefix.length))
    refuse('field ' + kind.idField + ' must repeat the id after ' + kind.prefix + ': ' + json(id.slice(kind.prefix.length)));
  if (newDoc.site !== undefined && newDoc.site !== SITE)
    refuse('the document names site ' + JSON.stringify(newDoc.site) + ', not the edge\\'s own site "' + SITE + '"');
  var dataClass = newDoc.dataClass;
  if (dataClass !== undefined && !has(CLASSES, dataClass))
    refuse('dataClass ' + JSON.stringify(dataClass) + ' is not one of ' + CLASSES.join(', '));
  var needs = CLASSES.indexOf(dataClass === undefined ? 'internal' : dataClass);
  if (clearance === null || CLASSES.indexOf(clearance) < needs)
    refuse("the document's data class " + (dataClass === undefined ? 'internal (by default)' : dataClass) +
      " is above the edge's clearance (" + (clearance === null ? 'none' : clearance) + ')');

  // Only here: the revision being replaced, which the gateway never reads.
  if (!oldDoc || oldDoc._deleted === true) return;
  if (DB === 'telemetry')
    refuse('telemetry batches are immutable: ' + id + ' exists already and may not be changed');
}`;
}
