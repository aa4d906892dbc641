import { hasErrorCode } from '@lakehouse/runtime';
import { describe, expect, it } from 'vitest';
import { checkOciConfigFile, parseOciConfig, type OciFiles } from './oci-config-file.js';

const CONFIG = `[DEFAULT]
user=ocid1.user.oc1..u
fingerprint=aa:bb
tenancy=ocid1.tenancy.oc1..t
key_file=~/.oci/key.pem
region=eu-frankfurt-1

[ops]
user=ocid1.user.oc1..ops
# comment
region=us-ashburn-1

[broken]
tenancy=
`;

function files(contents: Record<string, string>): OciFiles {
  return {
    homeDir: '/home/me',
    exists: (path) => path in contents,
    read: (path) => {
      const text = contents[path];
      if (text === undefined) throw new Error(`unexpected read of ${path}`);
      return text;
    },
  };
}

function failure(fn: () => unknown): Error {
  try {
    fn();
  } catch (err: unknown) {
    expect(hasErrorCode(err, 'OCI_CREDENTIALS_MISSING')).toBe(true);
    return err as Error;
  }
  throw new Error('expected OCI_CREDENTIALS_MISSING');
}

const full = files({ '/home/me/.oci/config': CONFIG, '/home/me/.oci/key.pem': 'KEY' });

describe('assertOciCredentialsPresent', () => {
  it('accepts a complete profile; other profiles inherit DEFAULT, and --region overrides', () => {
    expect(checkOciConfigFile({}, full)).toEqual({
      configFile: '/home/me/.oci/config',
      profile: 'DEFAULT',
      region: 'eu-frankfurt-1',
    });
    expect(checkOciConfigFile({ profile: 'ops', region: 'eu-paris-1' }, full)).toEqual({
      configFile: '/home/me/.oci/config',
      profile: 'ops',
      region: 'eu-paris-1',
    });
  });

  it('names the config file paths it looked for when there is none', () => {
    expect(failure(() => checkOciConfigFile({}, files({}))).message).toMatch(
      /config file \/home\/me\/\.oci\/config or \/home\/me\/\.oraclebmc\/config not found/,
    );
    expect(failure(() => checkOciConfigFile({ configFile: '~/oci.ini' }, files({}))).message).toMatch(
      /config file \/home\/me\/oci\.ini not found/,
    );
  });

  it('names a missing profile and the profiles that exist', () => {
    expect(failure(() => checkOciConfigFile({ profile: 'prod' }, full)).message).toMatch(
      /profile \[prod\] is not in \/home\/me\/\.oci\/config \(profiles there: DEFAULT, ops, broken\)/,
    );
  });

  it('names every missing key, a missing key file and a missing region at once', () => {
    const noDefault = files({ '/cfg': '[x]\nuser=u\nkey_file=/nope.pem\n' });
    const message = failure(() =>
      checkOciConfigFile({ configFile: '/cfg', profile: 'x' }, noDefault),
    ).message;
    expect(message).toMatch(/'fingerprint' is missing/);
    expect(message).toMatch(/'tenancy' is missing/);
    expect(message).toMatch(/key_file \/nope\.pem does not exist/);
    expect(message).toMatch(/no region/);
    expect(message).not.toMatch(/'user'/);
  });

  it('reads sections and keys of the OCI config format', () => {
    const parsed = parseOciConfig(CONFIG);
    expect([...parsed.keys()]).toEqual(['DEFAULT', 'ops', 'broken']);
    expect(parsed.get('ops')?.get('region')).toBe('us-ashburn-1');
    expect(parsed.get('broken')?.get('tenancy')).toBe('');
  });
});
