/** The lab page driven by the fake TrainingApi (see src/testing/training/lab-page.tsx). */
export { mountLab, type MountOptions } from '../../training/lab-page.tsx';
