/** What the CLI prints for a person from CRM text: no escape sequences, no controls, short names. */
import { describe, expect, it } from 'vitest'

import { toTerminalText, truncateText } from '../../src/cli/terminal-text.ts'

describe('toTerminalText', () => {
  it('strips CSI colours, OSC title sequences and bell', () => {
    expect(toTerminalText('\u001b[31mEvil\u0007 Corp\u001b]0;pwned\u0007')).toBe('Evil Corp')
  })

  it('strips 8-bit C1 sequences, other C0 controls and DEL', () => {
    expect(toTerminalText('A\u009b2JB\u009d0;x\u009cC\r\n\tD\u007fE\u0000')).toBe('ABCDE')
  })

  it('strips bidi overrides and isolates', () => {
    expect(toTerminalText('Acme\u202egnp.exe\u202c \u2066x\u2069')).toBe('Acmegnp.exe x')
  })

  it('keeps ordinary text, accents and symbols', () => {
    expect(toTerminalText('Müller & Søn — ↑ +3 ⚑')).toBe('Müller & Søn — ↑ +3 ⚑')
  })
})

describe('truncateText', () => {
  it('cuts over-long text with an ellipsis and leaves short text alone', () => {
    expect(truncateText('Northwind Traders International', 12)).toBe('Northwind T…')
    expect(truncateText('Acme', 12)).toBe('Acme')
  })
})
