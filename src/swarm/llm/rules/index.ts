export * from './rules-provider.js';
export type { RulesScreen, ContractSignal } from './screen-kit.js';
