// `$…$` math, with dollars read as pandoc reads them
// (https://pandoc.org/MANUAL.html#extension-tex_math_dollars), so that prices in prose stay
// text: "a v4-8 costs $12.88 an hour and a v5e $1.20" has no math. A single `$` opens math
// only before a non-space, and closes only after a non-space and not before a digit; `\$` is
// a dollar. `$$…$$` within a line of text is inline math too (as kramdown and remark-math
// read it); display math is display-math.ts.
//
// remark-math's constructs open at any `$`; these replace them and make the same tokens, so
// mdast-util-math builds the same nodes.
import { mathFromMarkdown } from 'mdast-util-math';
import type {} from 'micromark-extension-math'; // its token types
import { asciiDigit, markdownLineEnding, markdownLineEndingOrSpace } from 'micromark-util-character';
import type { Code, Construct, Effects, State, Token, TokenizeContext } from 'micromark-util-types';
import type {} from 'remark-parse'; // its `micromarkExtensions` field of a processor's data
import type { Processor } from 'unified';
import { DOLLAR, displayMath, labelsAndTails } from './display-math.ts';

const BACKSLASH = 92;

const dollarMathText: Construct = {
  name: 'mathText',
  tokenize(effects, ok, nok) {
    return new InlineFormula(effects, ok, nok).start;
  },
  // A `$` right after another, or after a backslash escape, opens nothing.
  previous(this: TokenizeContext, code: Code) {
    return code !== DOLLAR || this.events[this.events.length - 1]?.[1].type === 'characterEscape';
  },
};

/** pandoc's dollars, inline and display, and mdast-util-math's nodes. */
export function dollarMath(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push({ flow: { [DOLLAR]: displayMath }, text: { [DOLLAR]: dollarMathText } });
  (data.fromMarkdownExtensions ??= []).push(mathFromMarkdown(), labelsAndTails);
}

/** The states of one inline formula: `$`, or `$$`, the TeX, and the same again. */
class InlineFormula {
  private sizeOpen = 0;
  private size = 0;
  private closing: Token | undefined;
  /** Whether the last character of the formula so far is white space. */
  private afterSpace = false;

  constructor(
    private readonly effects: Effects,
    private readonly ok: State,
    private readonly nok: State,
  ) {}

  start: State = (code) => {
    this.effects.enter('mathText');
    this.effects.enter('mathTextSequence');
    return this.sequenceOpen(code);
  };

  private sequenceOpen: State = (code) => {
    if (code === DOLLAR && this.sizeOpen < 2) {
      this.effects.consume(code);
      this.sizeOpen++;
      return this.sequenceOpen;
    }
    // `$$$`, or a single `$` before a space or the end of the line: a dollar, not math.
    if (code === DOLLAR || (this.sizeOpen === 1 && (code === null || markdownLineEndingOrSpace(code)))) {
      return this.nok(code);
    }
    this.effects.exit('mathTextSequence');
    return this.between(code);
  };

  private between: State = (code) => {
    if (code === null) return this.nok(code);
    if (code === DOLLAR) {
      this.closing = this.effects.enter('mathTextSequence');
      this.size = 0;
      return this.sequenceClose(code);
    }
    if (markdownLineEnding(code)) {
      this.effects.enter('lineEnding');
      this.effects.consume(code);
      this.effects.exit('lineEnding');
      this.afterSpace = true;
      return this.between;
    }
    this.effects.enter('mathTextData');
    return this.data(code);
  };

  private data: State = (code) => {
    if (code === null || code === DOLLAR || markdownLineEnding(code)) {
      this.effects.exit('mathTextData');
      return this.between(code);
    }
    this.afterSpace = markdownLineEndingOrSpace(code);
    this.effects.consume(code);
    // TeX's own escapes: `\$` inside a formula is TeX's dollar, not the end of the formula.
    return code === BACKSLASH ? this.escaped : this.data;
  };

  private escaped: State = (code) => {
    if (code === null || markdownLineEnding(code)) return this.data(code);
    this.afterSpace = false;
    this.effects.consume(code);
    return this.data;
  };

  private sequenceClose: State = (code) => {
    if (code === DOLLAR) {
      this.effects.consume(code);
      this.size++;
      return this.sequenceClose;
    }
    const closes = this.size === this.sizeOpen && (this.sizeOpen === 2 || (!this.afterSpace && !asciiDigit(code)));
    if (closes) {
      this.effects.exit('mathTextSequence');
      this.effects.exit('mathText');
      return this.ok(code);
    }
    // Not the end: these dollars are part of the formula (or, at the end of the line, no math).
    this.closing!.type = 'mathTextData';
    this.afterSpace = false;
    return this.data(code);
  };
}
