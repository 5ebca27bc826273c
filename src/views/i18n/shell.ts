import { shell as en } from './en/shell.ts';
import type { Localized } from './messages.ts';
import { shell as zh } from './zh/shell.ts';

export const shellText: Localized<typeof en> = { en, zh };
