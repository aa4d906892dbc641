import { describe, expect, it } from 'vitest';
import { POC } from '../environments/poc.js';
import { PROD } from '../environments/prod.js';
import { STACK_NAMES, stackId } from '../platform.js';
import { synthEnvironment } from '../testing/synth-environment.js';

describe.each([POC, PROD])('deploy order of $name', (env) => {
  const { model } = synthEnvironment(env);
  const position = (id: string): number => STACK_NAMES.findIndex((n) => stackId(env, n) === id);

  it('creates the OCIR repository of every image before the stack that runs it', () => {
    const repositories = new Map(
      model
        .resources('oci_artifacts_container_repository')
        .map((r) => [String(r.body['display_name']), position(r.stackId)]),
    );
    const runners = [
      ...model.resources('oci_functions_function').map((f) => [f.stackId, String(f.body['image'])] as const),
      ...model
        .resources('oci_container_instances_container_instance')
        .flatMap((c) =>
          (c.body['containers'] as { image_url: string }[]).map((x) => [c.stackId, x.image_url] as const),
        ),
    ];
    expect(runners.length).toBeGreaterThanOrEqual(3);
    for (const [stack, image] of runners) {
      const repository = /^[^/]+\/[^/]+\/(.+):[\w.-]+$/.exec(image)?.[1] ?? image;
      const created = repositories.get(repository);
      expect(created, `${image} has no repository`).toBeDefined();
      expect(created!, `${repository} comes after ${stack}`).toBeLessThan(position(stack));
    }
  });
});
