/**
 * The race's settings: the networks, the data, and the training recipe (epochs, batch, optimiser,
 * schedule, clipping, residual scale, augmentation, dropout, seed, backend). Every change goes to the URL;
 * the form is locked while a race runs.
 */
import { useMemo } from 'react';
import { filesFromList } from '../evaluate/folder-files.ts';
import { compact } from '../format.ts';
import { learnText } from '../i18n/learn.ts';
import { useMessages } from '../i18n/messages.ts';
import { FileButton } from '../shell/FileButton.tsx';
import type { ChosenFiles } from './race-data.ts';
import { choiceTitle } from './names.ts';
import { NumberField } from './NumberField.tsx';
import {
  BACKENDS,
  choiceId,
  DATA_KINDS,
  MAX_NETWORKS,
  RANGES,
  SMALL_NETWORKS,
  type DataKind,
  type LabSettings,
  type RaceChoice,
} from './settings.ts';
import { useNetworkFigures, type FiguresOf } from './useNetworkFigures.ts';

export interface SettingsFormProps {
  settings: LabSettings;
  onChange: (settings: LabSettings) => void;
  disabled: boolean;
  files?: ChosenFiles;
  onFiles: (files: ChosenFiles | undefined) => void;
  /** A network's parameters and multiply-adds ("1.2 M parameters, 40 M multiply-adds" beside it). */
  figuresOf: FiguresOf;
}

/** What the archive input offers: the official archive, or its extracted batches. */
const ARCHIVE_TYPES = '.gz,.tgz,.tar,.bin'; // i18n-ignore: file name extensions

/** The networks offered: those of the settings, then the small networks not among them. */
function offered(settings: LabSettings): RaceChoice[] {
  const ids = new Set(settings.networks.map(choiceId));
  return [...settings.networks, ...SMALL_NETWORKS.map((network) => ({ network })).filter((c) => !ids.has(choiceId(c)))];
}

/** Files of an input: a folder's files are named by their path in it (a File's relative path is not cloned). */
function chosenFiles(kind: ChosenFiles['kind'], list: readonly File[]): ChosenFiles | undefined {
  if (list.length === 0) return undefined;
  if (kind === 'cifar10-files') return { kind, name: list[0].name, files: [...list] };
  const files = filesFromList(list);
  const name = files[0].path.split('/')[0];
  return { kind, name, files: files.map((f) => new File([f.file], f.path, { type: f.file.type })) };
}

export function SettingsForm({ settings, onChange, disabled, files, onFiles, figuresOf }: SettingsFormProps) {
  const t = useMessages(learnText).settings;
  const words = useMessages(learnText);
  const set = (patch: Partial<LabSettings>) => onChange({ ...settings, ...patch });
  const chosen = settings.networks.map(choiceId);
  const choices = useMemo(() => offered(settings), [settings]);
  const figures = useNetworkFigures(choices, settings.scale, figuresOf);
  const toggle = (choice: RaceChoice, on: boolean) => {
    const id = choiceId(choice);
    const networks = choices.filter((c) => (choiceId(c) === id ? on : chosen.includes(choiceId(c))));
    if (networks.length > 0) set({ networks });
  };
  return (
    <form className="learn-settings" onSubmit={(e) => e.preventDefault()} aria-label={t.heading}>
      {disabled && <p className="meta">{t.locked}</p>}
      <fieldset disabled={disabled}>
        <legend>{t.networks}</legend>
        {choices.map((choice, i) => {
          const id = choiceId(choice);
          const on = chosen.includes(id);
          const stat = figures[i];
          return (
            <label key={id} className="check">
              <input
                type="checkbox"
                checked={on}
                onChange={(e) => toggle(choice, e.currentTarget.checked)}
                disabled={on ? chosen.length === 1 : chosen.length >= MAX_NETWORKS}
              />
              {choiceTitle(choice, words)}
              {stat && <span className="meta"> · {t.stats(compact(stat.params), compact(stat.macs))}</span>}
            </label>
          );
        })}
      </fieldset>
      <fieldset disabled={disabled}>
        <legend>{t.data}</legend>
        {DATA_KINDS.map((kind) => (
          <label key={kind} className="check">
            <input
              type="radio"
              name="learn-data"
              value={kind}
              checked={settings.data === kind}
              onChange={() => set({ data: kind as DataKind })}
            />
            {t.dataKinds[kind]}
          </label>
        ))}
        {settings.data === 'generated' && (
          <div className="fields">
            <NumberField
              label={t.train}
              value={settings.train}
              range={RANGES.train}
              step={100}
              onChange={(train) => train !== undefined && set({ train })}
            />
            <NumberField
              label={t.test}
              value={settings.test}
              range={RANGES.test}
              step={100}
              onChange={(test) => test !== undefined && set({ test })}
            />
          </div>
        )}
        {(settings.data === 'cifar10-files' || settings.data === 'folder') && (
          <p className="files">
            <FileButton
              key={settings.data}
              folder={settings.data === 'folder'}
              {...(settings.data === 'folder' ? {} : { accept: ARCHIVE_TYPES })}
              multiple
              onFiles={(files) => onFiles(chosenFiles(settings.data as ChosenFiles['kind'], files))}
            >
              {settings.data === 'folder' ? t.chooseFolder : t.chooseArchive}
            </FileButton>{' '}
            <span className="meta">
              {files && files.kind === settings.data ? t.chosen(files.name, files.files.length) : t.noFiles}
            </span>
          </p>
        )}
      </fieldset>
      <TrainingFields settings={settings} set={set} disabled={disabled} />
    </form>
  );
}

type RequiredNumber =
  'epochs' | 'batch' | 'learningRate' | 'momentum' | 'decay' | 'epsilon' | 'rate' | 'every' | 'seed';

function TrainingFields({
  settings,
  set,
  disabled,
}: {
  settings: LabSettings;
  set: (patch: Partial<LabSettings>) => void;
  disabled: boolean;
}) {
  const t = useMessages(learnText).settings;
  const field = (key: RequiredNumber, step: number | 'any' = 'any') => (
    <NumberField
      label={t[key]}
      value={settings[key]}
      range={RANGES[key]}
      step={step}
      onChange={(v) => v !== undefined && set({ [key]: v })}
    />
  );
  return (
    <fieldset disabled={disabled}>
      <legend>{t.training}</legend>
      <div className="fields">
        {field('epochs', 1)}
        {field('batch', 1)}
        <label className="select">
          {t.optimizer}
          <select
            value={settings.optimizer}
            onChange={(e) => set({ optimizer: e.currentTarget.value as LabSettings['optimizer'] })}
          >
            <option value="rmsprop">{t.optimizers.rmsprop}</option>
            <option value="sgd">{t.optimizers.sgd}</option>
          </select>
        </label>
        {field('learningRate')}
        {field('momentum')}
        {settings.optimizer === 'rmsprop' && (
          <>
            {field('decay')}
            {field('epsilon')}
          </>
        )}
        <label className="select">
          {t.schedule}
          <select
            value={settings.schedule}
            onChange={(e) => set({ schedule: e.currentTarget.value as LabSettings['schedule'] })}
          >
            <option value="exponential">{t.schedules.exponential}</option>
            <option value="constant">{t.schedules.constant}</option>
          </select>
        </label>
        {settings.schedule === 'exponential' && (
          <>
            {field('rate')}
            {field('every', 1)}
          </>
        )}
        <NumberField
          label={t.clip}
          value={settings.clip}
          range={RANGES.clip}
          emptyMeans={t.optional}
          onChange={(clip) => set({ clip })}
        />
        <NumberField
          label={t.scale}
          value={settings.scale}
          range={RANGES.scale}
          emptyMeans={t.ownScale}
          onChange={(scale) => set({ scale })}
        />
        {field('seed', 1)}
        <label className="select">
          {t.backend}
          <select
            value={settings.backend}
            onChange={(e) => set({ backend: e.currentTarget.value as LabSettings['backend'] })}
          >
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {t.backends[b]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={settings.augment} onChange={(e) => set({ augment: e.currentTarget.checked })} />
        {t.augment}
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.dropout} onChange={(e) => set({ dropout: e.currentTarget.checked })} />
        {t.dropout}
      </label>
    </fieldset>
  );
}
