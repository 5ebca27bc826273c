/**
 * The geometry of a confusion matrix among the classes present, as a pure function (React draws it in
 * ConfusionMatrix.tsx): rows are the true classes, columns what they were taken for, and a last column
 * for classes not present in the set. A cell's shade is its share of the row (of the class's images).
 * Names are written beside rows and over columns while the cells are big enough to hold a line of text.
 */
import type { Confusion } from '../../../runtime/evaluation/confusion.ts';

export interface ConfusionCell {
  row: number;
  /** classes.length for the column of classes not present. */
  column: number;
  x: number;
  y: number;
  count: number;
  /** count / the row's images. */
  share: number;
  diagonal: boolean;
}

export interface ConfusionGeometry {
  width: number;
  height: number;
  cell: number;
  /** Where the grid starts (room for the names at the left and the top). */
  left: number;
  top: number;
  /** Whether names are written (cells of at least NAMED_CELL px). */
  named: boolean;
  cells: ConfusionCell[];
}

/** The smallest and largest cell, and the smallest that carries a written name. */
export const CELL = { min: 6, max: 34, named: 13 };
/** Room for the names: beside the rows, over the (slanted) column names, and where the last of them leans out. */
export const NAME_ROOM = { left: 112, top: 84, right: 60 };

export function confusionGrid(figures: Confusion, width: number): ConfusionGeometry | undefined {
  const { matrix, elsewhere, classes } = figures;
  if (!matrix || !elsewhere || classes.length === 0) return undefined;
  const columns = classes.length + 1;
  const fit = (room: number) => Math.floor((width - room - 2) / columns);
  const named = fit(NAME_ROOM.left + NAME_ROOM.right) >= CELL.named;
  const cell = Math.max(CELL.min, Math.min(CELL.max, fit(named ? NAME_ROOM.left + NAME_ROOM.right : 2)));
  const left = named ? NAME_ROOM.left : 1;
  const top = named ? NAME_ROOM.top : 1;
  const cells: ConfusionCell[] = [];
  matrix.forEach((row, r) => {
    const images = row.reduce((a, b) => a + b, 0) + elsewhere[r];
    [...row, elsewhere[r]].forEach((count, c) => {
      if (count > 0) {
        cells.push({
          row: r,
          column: c,
          x: left + c * cell,
          y: top + r * cell,
          count,
          share: count / images,
          diagonal: r === c,
        });
      }
    });
  });
  return {
    width: left + columns * cell + 1 + (named ? NAME_ROOM.right : 0),
    height: top + classes.length * cell + 1,
    cell,
    left,
    top,
    named,
    cells,
  };
}
