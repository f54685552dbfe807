export type { FamilyExpectation, LintSettings, RuleproofConfig } from './types.js'
export { CONFIG_FILE_NAMES, defaultConfig, loadConfig, readConfigFile, resolveConfig } from './load.js'
export { validateConfigValue } from './validate.js'
export { configSchema } from './schema.js'
