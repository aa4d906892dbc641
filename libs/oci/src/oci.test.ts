import { hasErrorCode } from '@lakehouse/runtime';
import { describe, expect, it } from 'vitest';
import { assertOciCredentialsPresent, createOciAuthProvider } from './oci-auth.js';
import { onsPublishRequest } from './publish-ons-message.js';
import { secretBundleText, vaultSecretRequest } from './read-vault-secret.js';

const SECRET_ID = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.amaaaaaexample';

describe('vaultSecretRequest', () => {
  it('asks for the current version of the secret', () => {
    expect(vaultSecretRequest(SECRET_ID)).toEqual({ secretId: SECRET_ID, stage: 'CURRENT' });
  });

  it('rejects something that is not a secret OCID', () => {
    expect(() => vaultSecretRequest('my-password')).toThrow(/not a Vault secret OCID/);
  });
});

describe('secretBundleText', () => {
  it('decodes the base64 content', () => {
    const bundle = {
      secretId: SECRET_ID,
      versionNumber: 1,
      secretBundleContent: { contentType: 'BASE64', content: Buffer.from('s3cr3t!').toString('base64') },
    };
    expect(secretBundleText(bundle)).toBe('s3cr3t!');
  });

  it('fails clearly when the bundle has no content', () => {
    expect(() => secretBundleText({ secretId: SECRET_ID, versionNumber: 1 })).toThrow(/no base64 content/);
  });
});

describe('OCI credentials', () => {
  it('fails fast when a resource principal is asked for outside OCI Functions', async () => {
    const attempt = createOciAuthProvider({ kind: 'resource_principal' }, {});
    await expect(attempt).rejects.toSatisfy((e) => hasErrorCode(e, 'CONFIG_INVALID'));
    await expect(attempt).rejects.toThrow(/OCI_RESOURCE_PRINCIPAL_VERSION/);
  });

  it('names the missing config file', () => {
    const files = { homeDir: '/home/x', exists: () => false, read: () => '' };
    expect(() =>
      assertOciCredentialsPresent({ kind: 'config_file', configFile: '/nowhere/config' }, {}, files),
    ).toThrow(/config file \/nowhere\/config not found/);
  });

  it('accepts a config file that exists and a resource principal inside Functions', () => {
    const config = '[DEFAULT]\nuser=u\nfingerprint=f\ntenancy=t\nkey_file=/k.pem\nregion=eu-frankfurt-1\n';
    const files = { homeDir: '/home/x', exists: () => true, read: () => config };
    expect(() =>
      assertOciCredentialsPresent({ kind: 'config_file', configFile: '/x' }, {}, files),
    ).not.toThrow();
    expect(() =>
      assertOciCredentialsPresent({ kind: 'resource_principal' }, { OCI_RESOURCE_PRINCIPAL_VERSION: '2.2' }),
    ).not.toThrow();
  });
});

describe('onsPublishRequest', () => {
  const TOPIC = 'ocid1.onstopic.oc1.eu-frankfurt-1.aaaaexample';

  it('publishes the message as raw text to the topic', () => {
    expect(onsPublishRequest(TOPIC, { title: 'episode opened', body: '{"a":1}' })).toEqual({
      topicId: TOPIC,
      messageDetails: { title: 'episode opened', body: '{"a":1}' },
      messageType: 'RAW_TEXT',
    });
  });

  it('cuts the title to 255 characters and refuses a body over 64 KiB or a wrong OCID', () => {
    const request = onsPublishRequest(TOPIC, { title: 'x'.repeat(300), body: 'b' });
    expect(request.messageDetails.title).toHaveLength(255);
    expect(() => onsPublishRequest(TOPIC, { title: 't', body: 'b'.repeat(65_537) })).toThrow(/64|65536/);
    expect(() => onsPublishRequest('ocid1.vaultsecret.oc1..x', { title: 't', body: 'b' })).toThrow(
      /not a Notifications topic OCID/,
    );
  });
});
