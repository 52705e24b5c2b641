import { ConflictException } from '@nestjs/common';
import { findBuiltinDataset } from '@regsweep/datasets';

/** A dataset id: configs name a dataset by id or by name, and a UUID-shaped reference is read as an id. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A name that `dataset:` in a config would resolve to something else: a built-in's name (the upload would become
 * "version 2" of the built-in, and sweeps naming it would silently use the upload) or a dataset id's shape (a config
 * naming it would get the dataset with that id). 409, nothing stored.
 */
export function refuseShadowingName(name: string): void {
  const reason = findBuiltinDataset(name)
    ? `"${name}" is the name of a built-in dataset; choose another name`
    : UUID.test(name)
      ? 'a dataset name may not have the shape of a dataset id (a UUID): configs would resolve it as an id'
      : undefined;
  if (reason) throw new ConflictException({ message: reason, path: 'name' });
}
