import { describe, expect, it } from 'vitest';
import { formatServiceStatus, statusExitCode, type ServiceStatus } from './service-status.js';

const mariadb: ServiceStatus = {
  name: 'mariadb',
  state: 'running',
  healthy: true,
  pid: 42,
  endpoint: '127.0.0.1:13306',
  version: '10.11.19-MariaDB',
};
const kafka: ServiceStatus = {
  name: 'kafka',
  state: 'stopped',
  healthy: false,
  endpoint: '127.0.0.1:19092',
  version: '4.1.2',
  detail: 'not running',
};

describe('status', () => {
  it('prints pid, endpoint, version and health on one aligned line per service', () => {
    expect(formatServiceStatus([mariadb, kafka])).toEqual([
      'mariadb  running  pid 42       127.0.0.1:13306  10.11.19-MariaDB  healthy',
      'kafka    stopped  pid -        127.0.0.1:19092  4.1.2       NOT healthy (not running)',
    ]);
  });

  it('exits 0 only when every service is healthy', () => {
    expect(statusExitCode([mariadb, { ...kafka, state: 'running', healthy: true }])).toBe(0);
    expect(statusExitCode([mariadb, kafka])).toBe(1);
    expect(statusExitCode([])).toBe(1);
  });
});
