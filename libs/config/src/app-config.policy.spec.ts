import { DEFAULT_POLICY } from '@app/domain';
import { InvalidConfigError, loadConfig } from './app-config';

describe('the incubation policy from deployment config', () => {
  it('defaults to the domain policy with the configured escalation contact', () => {
    expect(loadConfig({}).policy).toEqual(DEFAULT_POLICY);
    expect(loadConfig({ ESCALATION_CONTACT: 'duty@center.example' }).policy).toEqual({
      ...DEFAULT_POLICY,
      escalationContact: 'duty@center.example',
    });
  });

  it('sets the fields INCUBATION_POLICY names over the default', () => {
    const config = loadConfig({
      INCUBATION_POLICY: JSON.stringify({
        screeningLimit: { seconds: 30 },
        reminderFractions: [0.25, 0.75],
      }),
    });
    expect(config.policy).toEqual({
      ...DEFAULT_POLICY,
      screeningLimit: { seconds: 30 },
      reminderFractions: [0.25, 0.75],
    });
  });

  it.each([
    ['{"screeningLimit":{"workingDays":0}}', /policy\.screeningLimit\.workingDays/],
    ['{"reminderFractions":[0.8,0.5]}', /reminderFractions/],
    ['{"maxFailedMatch":3}', /maxFailedMatch/],
    ['not json', /not valid JSON/],
    ['[1]', /must be an object/],
  ])('stops the process on INCUBATION_POLICY=%s, naming the key and the rule', (value, rule) => {
    expect(() => loadConfig({ INCUBATION_POLICY: value })).toThrow(InvalidConfigError);
    expect(() => loadConfig({ INCUBATION_POLICY: value })).toThrow(/INCUBATION_POLICY=/);
    expect(() => loadConfig({ INCUBATION_POLICY: value })).toThrow(rule);
  });

  it('refuses an escalation contact that is not an address', () => {
    expect(() => loadConfig({ ESCALATION_CONTACT: 'nobody' })).toThrow(/ESCALATION_CONTACT=/);
  });

  it('reads SMTP and dispatcher settings', () => {
    const config = loadConfig({ SMTP_PORT: '2525', SMTP_SECURE: 'true' });
    expect([config.SMTP_PORT, config.SMTP_SECURE, config.SMTP_HOST]).toEqual([
      2525,
      true,
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ SMTP_SECURE: 'yes' })).toThrow(/SMTP_SECURE=/);
  });
});
