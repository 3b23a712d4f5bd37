// @ts-check
// Plain JavaScript (type-checked), so that scripts/new-post.mjs can use the same rule as the build.

/**
 * `My_Post` -> `my-post`: for a badly named post's suggested slug, tag addresses and file names.
 * @param {string} name
 * @returns {string}
 */
export function slugify(name) {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
