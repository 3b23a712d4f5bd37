// Walking the old blog's folders.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir` (not in dot-folders or node_modules), sorted. */
export function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
    })
    .sort();
}

export const isDir = (file: string) => {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
};

/** The first of `names` in `dir` that exists. */
export function firstExisting(dir: string, names: string[]): string | undefined {
  return names
    .map((name) => path.join(dir, name))
    .find((file) => {
      try {
        return statSync(file).isFile();
      } catch {
        return false;
      }
    });
}

/** `/a/b/` from segments: no doubled or missing slashes. */
export function joinPath(...parts: string[]): string {
  return ('/' + parts.join('/')).replace(/\/{2,}/g, '/');
}
