/**
 * Which matched terms mean something on their own (issue 11, "No developer words on screen"): no
 * single Chinese character (一, 可, 秒), no bare number (3, 0.1), no stop-word. Matching explains its
 * recommendations with them; the expert pool's affinity shows them.
 */

/** Function words that carry no meaning on their own (the tokenizer drops most; matches may keep them). */
const STOP_TERMS = new Set(
  (
    '的 了 和 与 及 或 等 在 是 对 用 于 为 由 以 被 把 从 中 其 将 也 而 并 且 之 所 该 此 这 那 个 种 可 一 ' +
    '一种 所述 以及 进行 通过 具有 包括 其中 一个 可以 能够 用于 使得 从而 及其 或者 以上 以下 我们 需要 ' +
    '提供 实现 采用 相关 问题 方法 要求 以内 不超过 小于 大于 达到 左右 情况 方面 主要 目前 基于 ' +
    'the a an of and or to in for on with by is are be as at from'
  ).split(' '),
);
const HAN = /\p{Script=Han}/u;
/** a number, with an optional unit of at most two letters or a %: 3, 0.1, 10kg, 95% */
const NUMBERISH = /^[\d.,:%+\-−~]+([a-zA-Zμ]{0,2}|%)?$/u;

/** Whether a matched term means something on its own. */
export function isMeaningfulTerm(term: string): boolean {
  const t = term.trim().toLowerCase();
  if (t.length === 0 || STOP_TERMS.has(t)) return false;
  if (NUMBERISH.test(t)) return false;
  const chars = [...t];
  if (chars.length === 1) return false; // one Chinese character or one letter
  if (!HAN.test(t) && chars.length < 2) return false;
  return true;
}

/** The matched terms worth showing, in their order, without repeats. */
export function meaningfulTerms(terms: readonly string[]): string[] {
  return [...new Set(terms.filter(isMeaningfulTerm))];
}
