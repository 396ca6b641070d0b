import { RULES_SCREENS } from './rules/index.js';

/** Names of the deterministic screens a template may name in its front matter (`rules:`). */
export const RULES_SCREEN_NAMES: readonly string[] = Object.keys(RULES_SCREENS).sort();

/** Whether a rules screen of that name exists. */
export function hasRulesScreen(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(RULES_SCREENS, name);
}
