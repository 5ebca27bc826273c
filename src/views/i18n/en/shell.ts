/** The app's frame: header, navigation, theme and language switches, page titles, not-found, updates. */
import { STORAGE_WORDS } from '../../../model/storage-failure.ts';

type Theme = 'light' | 'dark';

export const shell = {
  brand: 'Inception Explorer',
  /** Why this browser refused to keep something (the evaluate page's results, the lab's runs). */
  storage: STORAGE_WORDS,
  skipToContent: 'Skip to content',
  menu: 'Menu',
  mainNavigation: 'Main',
  nav: {
    networks: 'Networks',
    figures: 'Figures',
    compare: 'Compare',
    classify: 'Classify a photo',
    evaluate: 'Evaluate',
    learn: 'Learn',
  },
  /** "<page> · Inception Explorer" */
  documentTitle: (page: string) => `${page} · Inception Explorer`,
  theme: {
    shown: { system: 'Auto', light: 'Light', dark: 'Dark' },
    /** The accessible name starts with the word shown on the button (WCAG 2.5.3, label in name). */
    label: (shown: string, following: boolean, theme: Theme) =>
      following
        ? `${shown} theme. Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`
        : `${shown} theme. Follow the system theme (now ${theme})`,
  },
  /** The language switch names the other language in itself; this is its description. */
  switchLanguage: 'Switch the interface to Chinese (简体中文)',
  dropZone: ['Drop photos to classify them, or a ', ' weights file'] as [string, string],
  loadingClassifier: 'Loading the classifier…',
  loadingEvaluation: 'Loading the evaluation…',
  loadingLab: 'Loading the lab…',
  notFound: {
    title: 'Not found',
    noPage: (path: string) => `There is no page at ${path}.`,
    noNetworkOrPage: (id: string) => `There is no network or page "${id}".`,
    backTo: (label: string) => `Back to ${label}`,
    allNetworks: 'All networks',
  },
  pageFailure: {
    chunkTitle: 'This page could not be loaded',
    chunkDetail:
      'Part of the app did not arrive: the connection dropped, or a new version was published since this tab ' +
      'was opened. Reload to get it; the networks stay open to explore meanwhile.',
    errorTitle: 'This page stopped with an error',
    errorDetail: 'Reload to try again; the networks stay open to explore meanwhile. The error was:',
    reload: 'Reload',
    explorer: 'Explore the networks',
  },
  update: {
    available: 'A new version of Inception Explorer is available.',
    reload: 'Reload',
    later: 'Later',
    offlineReady: 'Inception Explorer now works offline too.',
    dismiss: 'Dismiss',
  },
};

export type ShellMessages = typeof shell;
