/** A Grad-CAM under way in the inspector: its progress per class and its Cancel button. */
export const gradcam = {
  progress: (done: number, total: number) => `Computing gradients: ${done} of ${total} classes done…`,
  cancel: 'Cancel',
  progressLabel: 'Classes of the Grad-CAM done',
};

export type GradcamMessages = typeof gradcam;
