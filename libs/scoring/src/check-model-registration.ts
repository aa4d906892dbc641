import { textProblem } from '@lakehouse/domain';

/** What {@link registrationProblems} checks: the registry's free-text and identifier fields. */
export interface RegistrationFields {
  readonly name: string;
  readonly algorithm: string;
  readonly features: readonly string[];
  readonly trainingFingerprint: string;
  readonly decisionThreshold: number;
  readonly heatwaveModelHandle?: string | null;
}

/** Most features a model may name (the scorer computes a dozen). */
const MAX_FEATURES = 256;

/**
 * Every reason the registry refuses a registration, empty when it is fine. Names, algorithms and HeatWave handles
 * are listed by the API and the CLI and written to logs, so they are bounded (the column sizes of `models`) and may
 * not hold control or bidirectional-override characters; values are never echoed whole.
 */
export function registrationProblems(model: RegistrationFields): string[] {
  const problems: string[] = [];
  const nameProblem = textProblem(model.name, { maxLength: 128 });
  if (nameProblem !== null) problems.push(`name ${nameProblem}`);
  else if (!/^[A-Za-z0-9._-]+$/.test(model.name)) problems.push('name may hold only A-Z a-z 0-9 . _ -');
  const algorithmProblem = textProblem(model.algorithm, { maxLength: 64 });
  if (algorithmProblem !== null) problems.push(`algorithm ${algorithmProblem}`);
  else if (!/^[A-Za-z0-9._-]+$/.test(model.algorithm))
    problems.push('algorithm may hold only A-Z a-z 0-9 . _ -');
  if (model.heatwaveModelHandle !== undefined && model.heatwaveModelHandle !== null) {
    const handleProblem = textProblem(model.heatwaveModelHandle, { maxLength: 255 });
    if (handleProblem !== null) problems.push(`heatwaveModelHandle ${handleProblem}`);
  }
  if (model.features.length === 0 || model.features.length > MAX_FEATURES) {
    problems.push(
      `features must list 1-${String(MAX_FEATURES)} names (got ${String(model.features.length)})`,
    );
  }
  const badFeature = model.features.findIndex((f) => !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(f));
  if (badFeature >= 0) {
    problems.push(`features/${String(badFeature)} must be an identifier of at most 64 letters, digits and _`);
  }
  if (!/^[0-9a-f]{64}$/.test(model.trainingFingerprint)) {
    problems.push('trainingFingerprint must be a sha256 hex digest');
  }
  if (!(model.decisionThreshold >= 0 && model.decisionThreshold <= 1)) {
    problems.push('decisionThreshold must be a probability between 0 and 1');
  }
  return problems;
}
