/**
 * @module Reads of the control database the apps need: a document if it is there, every document
 * of a kind, an attachment's bytes.
 */
/** The document, or undefined when it does not exist or was deleted. */
export async function getIfAny<T>(db: PouchDB.Database, id: string): Promise<T | undefined> {
  try {
    return (await db.get(id)) as unknown as T;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** Every live document whose id starts with `prefix` (e.g. `trust/`). */
export async function allWithPrefix<T>(db: PouchDB.Database, prefix: string): Promise<T[]> {
  const result = await db.allDocs({
    startkey: prefix,
    endkey: `${prefix}\uffff`,
    include_docs: true,
  });
  return result.rows.flatMap((row) => (row.doc ? [row.doc as unknown as T] : []));
}

/** An attachment's bytes (a package's `.hpkg`), or undefined while it has not arrived. */
export async function packageAttachment(
  db: PouchDB.Database,
  id: string,
  name: string,
): Promise<Uint8Array | undefined> {
  try {
    const data = (await db.getAttachment(id, name)) as Buffer | Blob;
    if (data instanceof Uint8Array) return new Uint8Array(data);
    return new Uint8Array(await data.arrayBuffer());
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}
