// The part of citation-js the citations plugin uses (the packages ship no types).
declare module '@citation-js/core' {
  /** One bibliography entry as CSL-JSON. */
  export interface CslEntry {
    id: string;
    'citation-key'?: string;
    [field: string]: unknown;
  }

  export const plugins: {
    input: {
      chain(input: string, options: { forceType: string; generateGraph: boolean }): CslEntry[];
    };
    output: {
      format(
        name: 'bibliography',
        data: CslEntry[],
        options: {
          format: 'html' | 'text';
          template: string;
          lang: string;
          entry: string[];
          nosort: boolean;
          hyperlinks: boolean;
          asEntryArray: true;
        },
      ): [id: string, html: string][];
    };
  };

  /** Every message citation-js logs is also kept in `_log`, for ever unless emptied. */
  export const logger: { level: string; _log: unknown[] };
}

declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
