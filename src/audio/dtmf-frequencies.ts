/**
 * The DTMF keypad's frequency pairs (ITU-T Q.23): a low "row" tone and a high "column" tone per
 * key. Keyed by the key character, because the floor may not import the domain's Tone names.
 */

export type DtmfKey =
  '1' | '2' | '3' | 'A' | '4' | '5' | '6' | 'B' | '7' | '8' | '9' | 'C' | '*' | '0' | '#' | 'D';

export const DTMF_ROWS = [697, 770, 852, 941] as const;
export const DTMF_COLUMNS = [1209, 1336, 1477, 1633] as const;

const LAYOUT: readonly (readonly DtmfKey[])[] = [
  ['1', '2', '3', 'A'],
  ['4', '5', '6', 'B'],
  ['7', '8', '9', 'C'],
  ['*', '0', '#', 'D'],
];

/** [row Hz, column Hz] of every key. */
export const DTMF_FREQUENCIES: Readonly<Record<DtmfKey, readonly [number, number]>> =
  Object.fromEntries(
    LAYOUT.flatMap((keys, row) =>
      keys.map((key, column) => [key, [DTMF_ROWS[row], DTMF_COLUMNS[column]] as const]),
    ),
  ) as Record<DtmfKey, readonly [number, number]>;

export const isDtmfKey = (key: string): key is DtmfKey => Object.hasOwn(DTMF_FREQUENCIES, key);
