/**
 * @module Untrusted text made safe for a person's terminal: CRM values (company names, driver
 * sentences built from them) can carry escape sequences and control characters that repaint,
 * retitle or reorder what a person sees. JSON output does not go through here: JSON escapes them.
 */

/* eslint-disable no-control-regex -- matching control characters is the point */
// ESC sequences: CSI (`ESC [ … final`), OSC/DCS/SOS/PM/APC (`ESC ] … BEL|ST`), and two-byte ones.
// The 8-bit C1 introducers (U+009B CSI, U+009D OSC, …) are covered the same way.
const CSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?/g
const STRING_SEQUENCE =
  /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g
const TWO_BYTE = /\u001b[ -~]?/g
// C0 (tab and newline included: one value, one line), DEL, C1, and the bidi controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * Strips escape sequences, C0/C1 control characters and bidi overrides from `text`.
 *
 * @example
 * toTerminalText('\u001b[31mEvil\u0007 Corp\u001b]0;pwned\u0007') // 'Evil Corp'
 */
export function toTerminalText(text: string): string {
  return text
    .replace(STRING_SEQUENCE, '')
    .replace(CSI, '')
    .replace(TWO_BYTE, '')
    .replace(CONTROL, '')
}

/**
 * Safe text cut to at most `max` characters, ending in an ellipsis when it was longer.
 *
 * @example
 * truncateText('Northwind Traders International', 12) // 'Northwind T…'
 */
export function truncateText(text: string, max: number): string {
  const chars = [...toTerminalText(text)]
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}
