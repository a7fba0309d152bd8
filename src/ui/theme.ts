/**
 * Colour arithmetic for following Office's theme (SPEC 7) and for checking badge contrast.
 */

/** Parses `#RGB` or `#RRGGBB` (case-insensitive) into 0–255 channels, or `null`. */
function parseHexColour(colour: string): [number, number, number] | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!match) return null;
  const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/**
 * WCAG relative luminance of a colour, 0 (black) to 1 (white).
 *
 * @example
 * measureLuminance('#FFFFFF'); // 1
 */
export function measureLuminance(colour: string): number {
  const rgb = parseHexColour(colour);
  if (!rgb) throw new Error(`Not a hex colour: "${colour}"`);
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG contrast ratio of two colours, 1 to 21.
 *
 * @example
 * measureContrast('#000000', '#FFFFFF'); // 21
 */
export function measureContrast(a: string, b: string): number {
  const [light, dark] = [measureLuminance(a), measureLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

export type ThemeKind = 'light' | 'dark';

/**
 * Picks the Fluent theme for Office's body background (`Office.context.officeTheme
 * .bodyBackgroundColor`): dark when the background is darker than mid-grey. A missing or
 * unreadable colour (older hosts have no officeTheme) means light.
 *
 * @example
 * pickThemeKind('#262626'); // 'dark'
 * pickThemeKind('#FFFFFF'); // 'light'
 * pickThemeKind(undefined); // 'light'
 */
export function pickThemeKind(bodyBackgroundColor: string | null | undefined): ThemeKind {
  if (!bodyBackgroundColor || !parseHexColour(bodyBackgroundColor)) return 'light';
  return measureLuminance(bodyBackgroundColor) < 0.18 ? 'dark' : 'light';
}
