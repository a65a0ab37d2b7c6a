/** A request URL's path without its query string (which could carry anything, a token too). */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
