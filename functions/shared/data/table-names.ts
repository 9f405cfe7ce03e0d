import { tableDefinitions, type TableName } from './table-definitions';

/**
 * The physical name of a table, from the environment variable its definition names (set by the stack,
 * or by the local bootstrap). Read at first use and kept; a missing variable fails with its name.
 */
const resolved = new Map<TableName, string>();

export function tableName(name: TableName): string {
  let physical = resolved.get(name);
  if (physical === undefined) {
    const variable = tableDefinitions[name].envVar;
    physical = process.env[variable];
    if (!physical)
      throw new Error(`Invalid function configuration: ${variable}: the ${name} table's name is not set`);
    resolved.set(name, physical);
  }
  return physical;
}
