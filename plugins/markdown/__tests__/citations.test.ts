import { describe, expect, test } from 'vitest';
import { render } from '../../../test/render-post.ts';

const bibliography = 'bibliography: ./refs.bib\n';

describe('links in references are built from BibTeX data, which stays data', () => {
  test('a DOI or URL holding "> is encoded before any sanitiser sees it; a javascript: url is left out with a warning', async () => {
    const refs = [
      '@misc{quoted, title = {Quoted}, author = {Ada Lovelace}, year = {2020}, doi = {10.1234/x"><img src=x onerror=alert(1)>}}',
      '@misc{evil, title = {Evil}, author = {Eve Mallory}, year = {2021}, url = {javascript:alert(1)}}',
      '@misc{fine, title = {Fine}, author = {Bob Builder}, year = {2022}, url = {https://example.org/a b?q="x"}}',
    ].join('\n');
    const { html, problems, warnings } = await render(
      '\nSee [@quoted; @evil; @fine].\n',
      { 'refs.bib': refs },
      bibliography,
    );
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      'post bibliography: ./refs.bib @evil: the url "javascript:alert(1)" is not a web address (http or https) and was left out',
    ]);
    const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]!);
    expect(hrefs).toContain('https://doi.org/10.1234/x%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E');
    expect(hrefs).toContain('https://example.org/a%20b?q=%22x%22');
    expect(html).not.toContain('javascript:');
    expect(html).not.toMatch(/<img/);
  });
});
