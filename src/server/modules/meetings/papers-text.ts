/**
 * The articles of a paper's text (pure): "Điều 1. Phạm vi điều chỉnh" starts an article, "1." at the start of a
 * line a khoản (clause) of it, "a)" a điểm (point) of that clause. Members comment on an anchor: "Điều 3",
 * "Điều 3, khoản 2", "Điều 3, khoản 2, điểm a".
 *
 * What is not a heading stays text: a line that quotes an article ("Điều 5 của Luật…"), a number out of sequence
 * (khoản 1, 2, 3… and điểm a, b, c, d, đ, e… must follow each other), an article number already used, and
 * lines after a "Chương"/"Mục"/"Phần" heading (they belong to no article until the next one).
 */
import type { PaperArticle } from '../../../common/api/meeting-papers';

/** Vietnamese point letters in order (no f, j, w, z). */
const POINT_LETTERS = 'a b c d đ e g h i k l m n o p q r s t u v x y'.split(' ');

const ARTICLE = /^\s*điều\s+(\d{1,4})\s*(?:[.:]\s*(.*))?$/iu;
const CLAUSE = /^\s*(\d{1,3})\.\s+(.*)$/u;
const POINT = /^\s*([a-zđ])\)\s+(.*)$/iu;
const SECTION = /^\s*(chương|mục|phần)\s+([ivxlc]+|\d+)\b/iu;

export const articleAnchor = (article: number) => `Điều ${article}`;
export const clauseAnchor = (article: number, clause: number) => `Điều ${article}, khoản ${clause}`;
export const pointAnchor = (article: number, clause: number, point: string) =>
  `Điều ${article}, khoản ${clause}, điểm ${point}`;

const join = (lines: string[]) => lines.join('\n').trim();

export function articlesOf(text: string): PaperArticle[] {
  const articles: PaperArticle[] = [];
  const used = new Set<number>();
  type Open = {
    number: number;
    title: string;
    lines: string[];
    clauses: { number: number; lines: string[]; points: { letter: string; lines: string[] }[] }[];
  };
  let open: Open | null = null;

  const close = () => {
    if (!open) return;
    const a = open;
    articles.push({
      number: a.number,
      anchor: articleAnchor(a.number),
      title: a.title,
      text: join(a.lines),
      clauses: a.clauses.map((c) => ({
        number: c.number,
        anchor: clauseAnchor(a.number, c.number),
        text: join(c.lines),
        points: c.points.map((p) => ({
          letter: p.letter,
          anchor: pointAnchor(a.number, c.number, p.letter),
          text: join(p.lines),
        })),
      })),
    });
    open = null;
  };

  for (const raw of text.normalize('NFC').split(/\r\n|\r|\n/)) {
    const line = raw.trimEnd();
    const heading = ARTICLE.exec(line);
    if (heading && !used.has(Number(heading[1]))) {
      close();
      const number = Number(heading[1]);
      used.add(number);
      open = { number, title: (heading[2] ?? '').trim(), lines: [], clauses: [] };
      continue;
    }
    if (SECTION.test(line)) {
      close();
      continue;
    }
    if (!open) continue; // preamble: the paper as a whole
    open.lines.push(line);
    const clause = CLAUSE.exec(line);
    const lastClause = open.clauses.at(-1);
    if (clause && Number(clause[1]) === (lastClause?.number ?? 0) + 1) {
      open.clauses.push({ number: Number(clause[1]), lines: [clause[2]!.trim()], points: [] });
      continue;
    }
    const point = POINT.exec(line);
    if (point && lastClause) {
      const letter = point[1]!.toLowerCase();
      const lastPoint = lastClause.points.at(-1);
      const expected = lastPoint ? POINT_LETTERS[POINT_LETTERS.indexOf(lastPoint.letter) + 1] : 'a';
      if (letter === expected) {
        lastClause.points.push({ letter, lines: [point[2]!.trim()] });
        lastClause.lines.push(line.trim());
        continue;
      }
    }
    if (lastClause) {
      const lastPoint = lastClause.points.at(-1);
      if (lastPoint) lastPoint.lines.push(line.trim());
      lastClause.lines.push(line.trim());
    }
  }
  close();
  return articles;
}

/** Every anchor of the articles, in reading order. */
export function anchorsOf(articles: PaperArticle[]): string[] {
  return articles.flatMap((a) => [
    a.anchor,
    ...a.clauses.flatMap((c) => [c.anchor, ...c.points.map((p) => p.anchor)]),
  ]);
}

/**
 * The canonical form of an anchor as typed ("điều 3 , Khoản 2" → "Điều 3, khoản 2"), or null when it is not one.
 */
export function canonicalAnchor(input: string): string | null {
  const m = /^điều\s*(\d{1,4})(?:\s*,\s*khoản\s*(\d{1,3})(?:\s*,\s*điểm\s*([a-zđ]))?)?$/iu.exec(
    input.normalize('NFC').trim().replace(/\s+/g, ' '),
  );
  if (!m) return null;
  const article = Number(m[1]);
  if (m[2] === undefined) return articleAnchor(article);
  if (m[3] === undefined) return clauseAnchor(article, Number(m[2]));
  return pointAnchor(article, Number(m[2]), m[3].toLowerCase());
}
