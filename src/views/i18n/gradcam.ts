import { gradcam as en, type GradcamMessages } from './en/gradcam.ts';
import type { Localized } from './messages.ts';
import { gradcam as zh } from './zh/gradcam.ts';

export const gradcamText: Localized<GradcamMessages> = { en, zh };
