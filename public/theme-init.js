// The stored theme choice (see src/views/shell/theme.ts), applied before the first paint. A file of its
// own, not an inline script: the Content-Security-Policy allows scripts from the app's origin only.
try {
  var choice = localStorage.getItem('inception-explorer.theme');
  var dark = choice === 'dark' || (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
} catch (e) {}
// The language too (see src/views/i18n/locale.ts), so that `lang` is right before the app starts.
try {
  var language = localStorage.getItem('inception-explorer.language');
  var browserZh = /^zh\b/i.test((navigator.languages && navigator.languages[0]) || navigator.language || '');
  document.documentElement.lang = (language || (browserZh ? 'zh' : 'en')) === 'zh' ? 'zh-Hans' : 'en';
} catch (e) {}
