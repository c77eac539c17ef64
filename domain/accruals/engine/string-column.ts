/**
 * A text field of every line as integers: `ids[i]` is the rank of line i's value among the field's distinct
 * values sorted by string order, so comparing ids compares the texts. `values[id]` is the text back.
 */
export interface StringColumn {
  readonly ids: Int32Array;
  readonly values: readonly (string | undefined)[];
}
