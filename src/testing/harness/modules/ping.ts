/** A trivial module proving the harness loads modules in the production build. */
export function ping(): string {
  return 'pong';
}
