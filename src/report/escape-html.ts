/**
 * Workbook text is data, never markup (SPEC §8 HTML report): every string from a workbook goes
 * through here before it enters the HTML, in element text and in attribute values alike.
 *
 * @example escapeHtml('<b>Tom & "Jerry"</b>') // '&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
