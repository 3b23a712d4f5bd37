// @ts-check
// Command-line flags of the scripts: `--name value`.

/**
 * The value after `--name`, or undefined when the flag is absent.
 * @param {string} name
 */
export function flag(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : (process.argv[i + 1] ?? '');
}

/**
 * Whether `--name` was given.
 * @param {string} name
 */
export function hasFlag(name) {
  return process.argv.includes(`--${name}`);
}
