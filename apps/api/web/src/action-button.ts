import { errorMessage } from './api-client.js';
import { h } from './dom.js';

/** A small secondary button that runs `run` with itself when clicked (so that it can disable or relabel itself). */
export function actionButton(
  label: string,
  run: (target: HTMLButtonElement) => Promise<void>,
): HTMLButtonElement {
  return h(
    'button',
    {
      class: 'secondary small',
      attrs: { type: 'button' },
      onClick: (event) => {
        const target = event.currentTarget;
        if (target instanceof HTMLButtonElement) void run(target);
      },
    },
    label,
  );
}

/**
 * Runs the request of a clicked button, disabled meanwhile. On failure the button is enabled again as "Retry",
 * its title naming the action and the error, and the result is undefined; on success the caller redraws it.
 */
export async function requestFromButton<T>(
  target: HTMLButtonElement,
  request: () => Promise<T>,
): Promise<T | undefined> {
  const label = target.textContent;
  target.disabled = true;
  try {
    return await request();
  } catch (err: unknown) {
    target.disabled = false;
    target.textContent = 'Retry';
    target.title = `${label}: ${errorMessage(err)}`;
    return undefined;
  }
}
