// The stored theme choice (see src/views/shell/theme.ts), applied before the first paint. A file of its
// own, not an inline script: the Content-Security-Policy allows scripts from the app's origin only.
try {
  var choice = localStorage.getItem('inception-explorer.theme');
  var dark = choice === 'dark' || (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
} catch (e) {}
