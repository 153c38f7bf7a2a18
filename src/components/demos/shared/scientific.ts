const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** `2.0·10⁻⁶`: a small or large number in two significant digits, readable in prose and tables. */
export function scientific(v: number, digits = 2): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const [mantissa, exponent] = v.toExponential(digits - 1).split('e');
  const exp = Number(exponent);
  const m = mantissa!.replace(/^-/, '−');
  if (exp === 0) return m;
  return `${m}·10${String(exp).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c]!)}`;
}
