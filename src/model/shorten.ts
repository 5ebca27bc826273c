/**
 * A user's text as a message quotes it back: whole when short, else its start, "…" and its length, so a
 * 20,000-character argument or link does not fill the screen with its echo.
 */
export function shortened(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
