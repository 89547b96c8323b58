/**
 * How alike two short texts are, for spotting the same complaint reported twice (重复件). Chinese
 * has no spaces to split words on and a segmenter is a heavy dependency, so texts are compared as
 * multisets of character bigrams (Dice coefficient): "小区门口垃圾堆放" and "门口垃圾无人清运" share
 * 门口, 口垃, 垃圾. Very short texts add single characters, so two-character titles still compare.
 */

/** Full-width forms to half-width, lower case, and no punctuation, symbols or whitespace. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\p{C}\s]/gu, '');
}

/** Below this many characters, single characters count too. */
const SHORT_TEXT = 4;

/** The text's character n-grams with their counts. */
export function ngrams(text: string): Map<string, number> {
  const chars = [...normaliseText(text)];
  const grams = new Map<string, number>();
  const add = (g: string) => grams.set(g, (grams.get(g) ?? 0) + 1);
  for (let i = 0; i + 1 < chars.length; i++) add(`${chars[i]}${chars[i + 1]}`);
  if (chars.length < SHORT_TEXT) for (const c of chars) add(c);
  return grams;
}

const size = (m: Map<string, number>) => {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
};

/** Dice coefficient of two gram multisets: 1 the same, 0 nothing shared (or nothing to compare). */
export function diceOf(a: Map<string, number>, b: Map<string, number>): number {
  const total = size(a) + size(b);
  if (total === 0) return 0;
  let shared = 0;
  for (const [g, n] of a) shared += Math.min(n, b.get(g) ?? 0);
  return (2 * shared) / total;
}

export function similarity(a: string, b: string): number {
  return diceOf(ngrams(a), ngrams(b));
}

export interface CaseText {
  title: string;
  description: string;
}

/**
 * How alike two cases read: the better of title against title and of the whole text against the
 * whole text (the same title is a strong sign even when the descriptions differ in detail).
 */
export function caseSimilarity(a: CaseText, b: CaseText): number {
  return Math.max(
    similarity(a.title, b.title),
    similarity(`${a.title}${a.description}`, `${b.title}${b.description}`),
  );
}

/** Great-circle distance in metres (haversine), for "reported close by". */
export function distanceMetres(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}
