import { describe, expect, it } from 'vitest';
import { brokerPort, choosePort } from './choose-port.js';

const busy =
  (...ports: number[]) =>
  async (port: number): Promise<boolean> =>
    ports.includes(port);

describe('choosePort', () => {
  it('keeps the preferred port when it is free', async () => {
    expect(await choosePort({ preferred: 13_306, explicit: false, taken: new Set(), isBusy: busy() })).toBe(
      13_306,
    );
  });

  it('moves a default port to the next free one, skipping ports of the other services', async () => {
    const port = await choosePort({
      preferred: 19_092,
      explicit: false,
      taken: new Set([19_093]),
      isBusy: busy(19_092, 19_094),
    });
    expect(port).toBe(19_095);
  });

  it('never moves a port set through the environment', async () => {
    expect(
      await choosePort({ preferred: 23_306, explicit: true, taken: new Set(), isBusy: busy(23_306) }),
    ).toBeUndefined();
  });

  it('gives up after maxTries busy ports', async () => {
    expect(
      await choosePort({
        preferred: 100,
        explicit: false,
        taken: new Set(),
        isBusy: async () => true,
        maxTries: 3,
      }),
    ).toBeUndefined();
  });
});

describe('brokerPort', () => {
  it('reads the port of host:port', () => {
    expect(brokerPort('127.0.0.1:19092')).toBe(19_092);
    expect(brokerPort('localhost')).toBeUndefined();
    expect(brokerPort(undefined)).toBeUndefined();
  });
});
