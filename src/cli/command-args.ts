/**
 * The argument handling the commands that run a network on inputs share: their common options, the usage
 * error that ends with the command's usage line, whole-number flags, and the checks every such command
 * makes first (inputs given, --model and --weights given, a known model with weights, a known backend).
 */
import type { NetworkDefinition } from '../model/types.ts';
import { shortened } from '../model/shorten.ts';
import { backendFor, type CliBackend } from './backend-args.ts';
import { CliError } from './io.ts';
import { networkFor } from './network-args.ts';

/** The options of every command that runs a network, for its parseArgs. */
export const NETWORK_OPTIONS = {
  model: { type: 'string' },
  weights: { type: 'string' },
  json: { type: 'boolean', default: false },
  backend: { type: 'string', default: 'auto' },
} as const;

export type UsageError = (message: string) => CliError;

/** Usage errors (exit 2) of the command whose usage line is `usage`. */
export function usageErrorFor(usage: string): UsageError {
  return (message) => new CliError(`${message}\nusage: ${usage}`, 2);
}

/** A whole number from `min` (to `max`) given as `flag`, or a usage error saying what it must be. */
export function wholeNumberArg(
  value: string,
  flag: string,
  usageError: UsageError,
  min: number,
  max = Infinity,
): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) {
    const range = Number.isFinite(max) ? `from ${min} to ${max}` : `≥ ${min}`;
    throw usageError(`${flag} must be a whole number ${range}, got "${shortened(value)}"`);
  }
  return n;
}

/** The checks a network command makes before anything else; `inputs` names what it takes ("image or .f32 input"). */
export function networkArgs(
  values: { model?: string; weights?: string; backend: string },
  positionals: readonly string[],
  usageError: UsageError,
  inputs = 'image or .f32 input',
): { network: NetworkDefinition; weights: string; backend: CliBackend } {
  if (positionals.length === 0) throw usageError(`expected at least one ${inputs}`);
  if (!values.model || !values.weights) throw usageError('--model and --weights are required');
  return {
    network: networkFor(values.model),
    weights: values.weights,
    backend: backendFor(values.backend, usageError),
  };
}
