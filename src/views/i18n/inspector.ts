import { inspector as en } from './en/inspector.ts';
import type { Localized } from './messages.ts';
import { inspector as zh } from './zh/inspector.ts';

export const inspectorText: Localized<typeof en> = { en, zh };
