/**
 * The DTMF keypad's frequency pairs (ITU-T Q.23): each key is one low (row) and one high (column)
 * tone, in hertz.
 */
const ROWS = [697, 770, 852, 941] as const;
const COLUMNS = [1209, 1336, 1477, 1633] as const;
const KEYPAD = ['123A', '456B', '789C', '*0#D'] as const;

export const DTMF_FREQUENCIES: Readonly<Record<string, readonly [number, number]>> = Object.freeze(
  Object.fromEntries(
    KEYPAD.flatMap((row, r) =>
      [...row].map((key, c) => [key, [ROWS[r] as number, COLUMNS[c] as number] as const]),
    ),
  ),
);
