import { describe, expect, it } from 'vitest'
import { flattenWindowsEvent } from '../../src/rules/interop/sigmahq-regression.js'
import { sigmaTestRuleFile } from '../../src/rules/interop/sigma-test.js'

describe('flattenWindowsEvent: SigmaHQ EVTX JSON → the field names Sigma Windows rules use', () => {
  it('lifts EventData, System scalars and the provider name', () => {
    const record = {
      Event: {
        '#attributes': { xmlns: 'x' },
        System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon', Guid: '{G}' } }, EventID: 1, Channel: 'Sysmon/Operational', TimeCreated: { '#attributes': { SystemTime: 't' } } },
        EventData: { Image: 'C:\\a.exe', CommandLine: 'a -b' },
      },
    }
    expect(flattenWindowsEvent(record)).toEqual({ Image: 'C:\\a.exe', CommandLine: 'a -b', EventID: 1, Channel: 'Sysmon/Operational', Provider_Name: 'Microsoft-Windows-Sysmon', Provider_Guid: '{G}' })
  })

  it('reads the one UserData element and adds space-free names (Defender: `Source Name` → SourceName)', () => {
    const record = { Event: { System: { EventID: 1119 }, EventData: { 'Source Name': 'Real-Time Protection', SourceName: 'kept' }, UserData: { LogFileCleared: { SubjectUserName: 'bob' } } } }
    expect(flattenWindowsEvent(record)).toEqual({ SubjectUserName: 'bob', 'Source Name': 'Real-Time Protection', SourceName: 'kept', EventID: 1119 })
  })

  it('leaves other records alone', () => {
    const k8s = { verb: 'create' }
    expect(flattenWindowsEvent(k8s)).toBe(k8s)
    expect(flattenWindowsEvent(null)).toBeNull()
  })
})

describe('sigma-test file names', () => {
  it('<rule>_test.yml belongs to <rule>.yml, keeping the extension', () => {
    expect(sigmaTestRuleFile('/r/a_test.yml')).toBe('/r/a.yml')
    expect(sigmaTestRuleFile('/r/b_c_test.yaml')).toBe('/r/b_c.yaml')
  })
})
