// `$$…$$` display math, ending at the next `$$` wherever it is, as pandoc, kramdown and
// MathJax read it: on lines of its own (blank lines inside are allowed), from an opening
// line with TeX on it (`$$v_t = …\\`) to a closing `$$` after the last row
// (`\theta = v_t$$`), or all on one line. A `{#eq-id}` after the closing `$$` names the
// formula (its id, for links), as Quarto writes it; other text after it is a paragraph of
// its own. A `$$` with no closing `$$` in its container is text. remark-math's block ended
// only at a line of just `$$`: one `$$x` line made the rest of a post one formula.
//
// A paragraph of nothing but `$$…$$` (which the inline construct, dollars.ts, reads as
// inline math) is display math too, as in pandoc and kramdown.
import type { Parent, Root } from 'mdast';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Math } from 'mdast-util-math';
import type {} from 'micromark-extension-math'; // its token types
import { factorySpace } from 'micromark-factory-space';
import { markdownLineEnding, markdownLineEndingOrSpace } from 'micromark-util-character';
import type { Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import type { VFile } from 'vfile';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    mathFlowLabel: 'mathFlowLabel';
    mathFlowLabelId: 'mathFlowLabelId';
    mathFlowLabelMarker: 'mathFlowLabelMarker';
    mathFlowTail: 'mathFlowTail';
  }
}

export const DOLLAR = 36;
const BACKSLASH = 92;

export const displayMath: Construct = {
  name: 'mathFlow',
  concrete: true,
  tokenize(effects, ok, nok) {
    return new DisplayFormula(this, effects, ok, nok).start;
  },
};

const nonLazyContinuation: Construct = { tokenize: tokenizeNonLazyContinuation, partial: true };

/** The next line, if it belongs to the same container (a list item, a quote) as the formula. */
function tokenizeNonLazyContinuation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const lineStart: State = (code) => (this.parser.lazy[this.now().line] ? nok(code) : ok(code));
  return (code) => {
    if (code === null) return nok(code);
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return lineStart;
  };
}

/**
 * The states of one display formula: `$$`, the TeX over one or more lines, `$$`, then
 * nothing, a `{#label}`, or text (a paragraph of its own). Without a closing `$$` in the
 * same container, nothing: the line is text.
 */
class DisplayFormula {
  private opened = 0;
  private hasValue = false;
  private firstLine = true;
  private readonly indent: number;

  constructor(
    context: TokenizeContext,
    private readonly effects: Effects,
    private readonly ok: State,
    private readonly nok: State,
  ) {
    const tail = context.events[context.events.length - 1];
    this.indent = tail?.[1].type === 'linePrefix' ? tail[2].sliceSerialize(tail[1], true).length : 0;
  }

  start: State = (code) => {
    this.effects.enter('mathFlow');
    this.effects.enter('mathFlowFence');
    this.effects.enter('mathFlowFenceSequence');
    return this.sequenceOpen(code);
  };

  private sequenceOpen: State = (code) => {
    if (code === DOLLAR && this.opened < 2) {
      this.effects.consume(code);
      this.opened++;
      return this.sequenceOpen;
    }
    if (this.opened < 2 || code === DOLLAR) return this.nok(code);
    this.effects.exit('mathFlowFenceSequence');
    this.effects.exit('mathFlowFence');
    return factorySpace(this.effects, this.lineContent, 'whitespace')(code);
  };

  /** At the start of a stretch of formula on a line. */
  private lineContent: State = (code) => {
    if (code === null) return this.nok(code);
    if (markdownLineEnding(code)) {
      this.firstLine = false;
      return this.effects.attempt(nonLazyContinuation, this.nextLine, this.nok)(code);
    }
    if (code === DOLLAR) return this.effects.attempt(closingFence, this.afterClose, this.loneDollar)(code);
    this.effects.enter('mathFlowValue');
    this.hasValue = true;
    return this.inValue(code);
  };

  /** A `$` that is not `$$` is part of the formula (the math engine says if it is wrong there). */
  private loneDollar: State = (code) => {
    this.effects.enter('mathFlowValue');
    this.effects.consume(code);
    return this.inValue;
  };

  private nextLine: State = (code) =>
    (this.indent ? factorySpace(this.effects, this.lineContent, 'linePrefix', this.indent + 1) : this.lineContent)(
      code,
    );

  private inValue: State = (code) => {
    if (code === null || markdownLineEnding(code) || code === DOLLAR) {
      this.effects.exit('mathFlowValue');
      return this.lineContent(code);
    }
    this.effects.consume(code);
    return code === BACKSLASH ? this.escapedInValue : this.inValue;
  };

  private escapedInValue: State = (code) => {
    if (code === null || markdownLineEnding(code)) return this.inValue(code);
    this.effects.consume(code);
    return this.inValue;
  };

  private afterClose: State = (code) => factorySpace(this.effects, this.afterCloseSpace, 'whitespace')(code);

  private afterCloseSpace: State = (code) => {
    if (!this.hasValue) return this.nok(code);
    if (code === null || markdownLineEnding(code)) return this.done(code);
    if (code === 123 /* { */) return this.effects.attempt(labelConstruct, this.afterLabel, this.tailOrInline)(code);
    return this.tailOrInline(code);
  };

  /** Text after the formula on its closing line: a paragraph of its own; on its first line, this is inline math. */
  private tailOrInline: State = (code) => (this.firstLine ? this.nok(code) : this.tailStart(code));

  private afterLabel: State = (code) => factorySpace(this.effects, this.endOfLine, 'whitespace')(code);

  private endOfLine: State = (code) => (code === null || markdownLineEnding(code) ? this.done(code) : this.nok(code));

  private tailStart: State = (code) => {
    this.effects.exit('mathFlow');
    this.effects.enter('mathFlowTail');
    this.effects.enter('chunkText', { contentType: 'text' });
    return this.inTail(code);
  };

  private inTail: State = (code) => {
    if (code === null || markdownLineEnding(code)) {
      this.effects.exit('chunkText');
      this.effects.exit('mathFlowTail');
      return this.ok(code);
    }
    this.effects.consume(code);
    return this.inTail;
  };

  private done: State = (code) => {
    this.effects.exit('mathFlow');
    return this.ok(code);
  };
}

/** The `$$` that ends display math. */
const closingFence: Construct = {
  partial: true,
  tokenize(effects: Effects, ok: State, nok: State): State {
    const second: State = (code) => {
      if (code !== DOLLAR) return nok(code);
      effects.consume(code);
      effects.exit('mathFlowFenceSequence');
      effects.exit('mathFlowFence');
      return ok;
    };
    return (code) => {
      effects.enter('mathFlowFence');
      effects.enter('mathFlowFenceSequence');
      effects.consume(code);
      return second;
    };
  },
};

/** `{#eq-id}` after a closing `$$`: the formula's id (Quarto's equation labels). */
const labelConstruct: Construct = {
  partial: true,
  tokenize(effects: Effects, ok: State, nok: State): State {
    let size = 0;
    const inId: State = (code) => {
      if (code === 125 /* } */ && size > 0) {
        effects.exit('mathFlowLabelId');
        effects.enter('mathFlowLabelMarker');
        effects.consume(code);
        effects.exit('mathFlowLabelMarker');
        effects.exit('mathFlowLabel');
        return ok;
      }
      if (code === null || markdownLineEndingOrSpace(code) || code === 125 || code === 123) return nok(code);
      effects.consume(code);
      size++;
      return inId;
    };
    const hash: State = (code) => {
      if (code !== 35 /* # */) return nok(code);
      effects.consume(code);
      effects.exit('mathFlowLabelMarker');
      effects.enter('mathFlowLabelId');
      return inId;
    };
    return (code) => {
      effects.enter('mathFlowLabel');
      effects.enter('mathFlowLabelMarker');
      effects.consume(code); // {
      return hash;
    };
  },
};

/** mdast for a formula's label (its id) and for text after its closing `$$` (a paragraph). */
export const labelsAndTails: FromMarkdownExtension = {
  enter: {
    mathFlowTail(token) {
      this.enter({ type: 'paragraph', children: [] }, token);
    },
  },
  exit: {
    mathFlowLabelId(token) {
      const node = this.stack.findLast((entry) => entry.type === 'math');
      if (node?.type === 'math') node.data = { ...node.data, hProperties: { id: this.sliceSerialize(token) } };
    },
    mathFlowTail(token) {
      this.exit(token);
    },
  },
};

/**
 * A paragraph that holds nothing but `$$…$$` is display math, as in pandoc and kramdown; a
 * display formula's source has no space around it (`$$ x $$` is `x`).
 */
export function displayParagraphs() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const visit = (parent: Parent): void => {
      parent.children.forEach((node, index) => {
        if (node.type === 'math') return setValue(node, node.value);
        if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading') return visit(node);
        if (node.type !== 'paragraph' || node.children.length !== 1) return;
        const [only] = node.children;
        const offset = only?.position?.start.offset;
        if (only?.type !== 'inlineMath' || offset === undefined || !source.startsWith('$$', offset)) return;
        const math: Math = { type: 'math', value: '', position: node.position };
        setValue(math, only.value);
        parent.children[index] = math;
      });
    };
    visit(tree);
  };
}

/** A display formula's TeX, in the node and in what it becomes in HTML (`<pre><code>`). */
function setValue(node: Math, value: string): void {
  const trimmed = value.trim();
  node.value = trimmed;
  node.data = {
    ...node.data,
    hName: 'pre',
    hChildren: [
      {
        type: 'element',
        tagName: 'code',
        properties: { className: ['language-math', 'math-display'] },
        children: [{ type: 'text', value: trimmed }],
      },
    ],
  };
}
